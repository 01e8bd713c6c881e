package io.sparkdistill.teacher.api;

import java.util.Arrays;
import java.util.Locale;

/**
 * The flavours of OpenAI-compatible chat-completions endpoint. They differ only in the request URL and in how the
 * key is sent, so they are an enum consulted by {@link EndpointConfig} rather than one client class each.
 */
public enum Provider {
    /** api.openai.com and anything that copies it exactly: {@code Authorization: Bearer}, {@code /chat/completions}. */
    OPENAI("openai"),
    /** Azure OpenAI: {@code /openai/deployments/<deployment>/chat/completions?api-version=...}, {@code api-key} header. */
    AZURE_OPENAI("azure-openai"),
    /** Azure AI Foundry model inference: {@code /chat/completions?api-version=...}, {@code api-key} header. */
    AZURE_AI_INFERENCE("azure-ai-inference"),
    /** vLLM, TGI, Ollama, DeepSeek, Groq, OpenRouter: OpenAI's URL; Bearer only when a key is configured. */
    GENERIC("generic");

    private final String configName;

    Provider(String configName) {
        this.configName = configName;
    }

    /** The name used in job configs. */
    public String configName() {
        return configName;
    }

    public static Provider fromConfigName(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Provider p : values()) {
            if (p.configName.equals(wanted)) {
                return p;
            }
        }
        throw new IllegalArgumentException("teacher endpoint provider: unknown value '" + name + "'; expected one of "
                + Arrays.stream(values()).map(Provider::configName).toList());
    }
}
