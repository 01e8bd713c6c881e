package io.sparkdistill.config;

import io.sparkdistill.error.UrlCredentials;

import java.io.Serializable;
import java.util.Map;

/**
 * Where an API teacher lives ({@code teacher.endpoint}). The key itself is never in the config: name the
 * environment variable or the file that holds it. The API client builds its endpoint from these settings
 * ({@code EndpointConfig.of}), and judges them ({@link ApiTeacherRules}).
 *
 * @param provider        {@code openai}, {@code azure-openai}, {@code azure-ai-inference} or {@code generic}
 *                        (vLLM, TGI, Ollama, DeepSeek and other OpenAI-compatible servers)
 * @param baseUrl         e.g. {@code https://api.openai.com/v1} or {@code http://localhost:8000/v1}; a
 *                        {@code user:password@} in it is sent as Basic auth and masked wherever it is shown
 * @param model           the model name; for Azure OpenAI the deployment name
 * @param apiVersion      Azure's {@code api-version}
 * @param apiKeyEnv       name of the environment variable holding the key
 * @param apiKeyFile      path of a file holding the key (e.g. a mounted secret)
 * @param headers         extra headers, not secrets
 * @param timeoutSeconds  per-attempt limit (default 60)
 * @param maxInFlight     requests on the wire at once per executor (default 8)
 * @param maxConsecutiveAuthFailures refusals of the key in a row (401, 403, out of quota) after which generate
 *                                   stops asking, in each executor JVM (default 20)
 */
public record EndpointSettings(String provider, String baseUrl, String model, String apiVersion, String apiKeyEnv,
                               String apiKeyFile, Map<String, String> headers, Integer timeoutSeconds,
                               Integer maxInFlight, Integer maxConsecutiveAuthFailures) implements Serializable {

    public EndpointSettings {
        provider = provider == null ? "openai" : provider;
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        timeoutSeconds = timeoutSeconds == null ? 60 : timeoutSeconds;
        maxInFlight = maxInFlight == null ? 8 : maxInFlight;
        maxConsecutiveAuthFailures = maxConsecutiveAuthFailures == null ? 20 : maxConsecutiveAuthFailures;
    }

    /** Like the record's own, but with the base URL's credentials masked: a job config can end up in a log. */
    @Override
    public String toString() {
        return "EndpointSettings[provider=" + provider + ", baseUrl=" + UrlCredentials.redact(baseUrl) + ", model="
                + model + ", apiVersion=" + apiVersion + ", apiKeyEnv=" + apiKeyEnv + ", apiKeyFile=" + apiKeyFile
                + ", headers=" + headers + ", timeoutSeconds=" + timeoutSeconds + ", maxInFlight=" + maxInFlight
                + "]";
    }
}
