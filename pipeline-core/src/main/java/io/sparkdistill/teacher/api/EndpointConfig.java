package io.sparkdistill.teacher.api;

import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where a teacher lives and how to reach it. It holds the <em>name</em> of the key's environment variable or the
 * path of its file, never the key: a config is written to YAML, shipped to executors and recorded as provenance,
 * and the key must be in none of those. The key is read by {@link #apiKey(UnaryOperator)} at call time.
 *
 * @param provider    URL shape and auth header flavour
 * @param baseUrl     e.g. {@code https://api.openai.com/v1}, {@code https://my-res.openai.azure.com},
 *                    {@code http://localhost:11434/v1}
 * @param model       the model name sent in the body; for Azure OpenAI the deployment name put in the URL
 * @param apiVersion  Azure's {@code api-version} query parameter; required by both Azure flavours, unused otherwise
 * @param apiKeyEnv   name of the environment variable holding the key (null when a file or no key is used)
 * @param apiKeyFile  path of a file holding the key (null when the environment or no key is used)
 * @param headers     extra headers sent on every request (e.g. {@code OpenAI-Organization}); not for secrets
 * @param timeout     per-attempt limit for connecting and receiving the response
 * @param maxInFlight requests on the wire at once from one client (one executor)
 */
public record EndpointConfig(Provider provider, String baseUrl, String model, String apiVersion, String apiKeyEnv,
                             String apiKeyFile, Map<String, String> headers, Duration timeout, int maxInFlight)
        implements Serializable {

    public EndpointConfig {
        Objects.requireNonNull(provider, "provider");
        if (baseUrl == null || !(baseUrl.startsWith("http://") || baseUrl.startsWith("https://"))) {
            throw new IllegalArgumentException("teacher endpoint baseUrl must start with http:// or https://, got '"
                    + baseUrl + "'");
        }
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("teacher endpoint model must be set (the Azure deployment name for "
                    + "azure-openai), got '" + model + "'");
        }
        boolean azure = provider == Provider.AZURE_OPENAI || provider == Provider.AZURE_AI_INFERENCE;
        if (azure && (apiVersion == null || apiVersion.isBlank())) {
            throw new IllegalArgumentException("teacher endpoint apiVersion is required for " + provider.configName()
                    + ", got '" + apiVersion + "'");
        }
        if (apiKeyEnv != null && apiKeyFile != null) {
            throw new IllegalArgumentException("teacher endpoint: set apiKeyEnv or apiKeyFile, not both (got "
                    + "apiKeyEnv '" + apiKeyEnv + "' and apiKeyFile '" + apiKeyFile + "')");
        }
        if (provider != Provider.GENERIC && apiKeyEnv == null && apiKeyFile == null) {
            throw new IllegalArgumentException("teacher endpoint of provider " + provider.configName()
                    + " needs apiKeyEnv or apiKeyFile; neither is set");
        }
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        for (String name : headers.keySet()) {
            if (isAuthHeader(name)) {
                throw new IllegalArgumentException("teacher endpoint headers must not carry the key (found header '"
                        + name + "'); name its environment variable in apiKeyEnv or its file in apiKeyFile");
            }
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("teacher endpoint timeout must be positive, got " + timeout);
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("teacher endpoint maxInFlight must be at least 1, got " + maxInFlight);
        }
    }

    /** The chat-completions URL of this endpoint. */
    public URI chatCompletionsUri() {
        return URI.create(switch (provider) {
            case OPENAI, GENERIC -> baseUrl + "/chat/completions";
            case AZURE_OPENAI -> baseUrl + "/openai/deployments/" + URLEncoder.encode(model, StandardCharsets.UTF_8)
                    + "/chat/completions?api-version=" + URLEncoder.encode(apiVersion, StandardCharsets.UTF_8);
            case AZURE_AI_INFERENCE -> baseUrl + "/chat/completions?api-version="
                    + URLEncoder.encode(apiVersion, StandardCharsets.UTF_8);
        });
    }

    /** The {@code model} field of the request body; absent for Azure OpenAI, whose URL names the deployment. */
    public Optional<String> bodyModel() {
        return provider == Provider.AZURE_OPENAI ? Optional.empty() : Optional.of(model);
    }

    /**
     * Reads the key now, from the environment variable or the file (trimmed of surrounding whitespace).
     *
     * @param environment looks up an environment variable ({@code System::getenv} in production)
     * @return empty when no key is configured (a local vLLM or Ollama)
     * @throws TeacherCallException of kind {@link TeacherCallException.Kind#CONFIGURATION} when the variable is
     *                              unset or the file unreadable; the message names the variable or file, never a key
     */
    public Optional<Secret> apiKey(UnaryOperator<String> environment) {
        String value;
        if (apiKeyEnv != null) {
            value = environment.apply(apiKeyEnv);
            if (value == null || value.isBlank()) {
                throw configurationError("environment variable " + apiKeyEnv + " (apiKeyEnv) is not set or empty");
            }
        } else if (apiKeyFile != null) {
            try {
                value = Files.readString(Path.of(apiKeyFile), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw configurationError("key file " + apiKeyFile + " (apiKeyFile) cannot be read: "
                        + e.getClass().getSimpleName());
            }
            if (value.isBlank()) {
                throw configurationError("key file " + apiKeyFile + " (apiKeyFile) is empty");
            }
        } else {
            return Optional.empty();
        }
        return Optional.of(new Secret(value.strip()));
    }

    /** Sets the extra headers and then the auth header of this provider flavour on a request being built. */
    public void applyHeaders(HttpRequest.Builder request, Optional<Secret> key) {
        headers.forEach(request::header);
        key.ifPresent(k -> {
            switch (provider) {
                case OPENAI, GENERIC -> request.setHeader("Authorization", "Bearer " + k.reveal());
                case AZURE_OPENAI, AZURE_AI_INFERENCE -> request.setHeader("api-key", k.reveal());
            }
        });
    }

    private static TeacherCallException configurationError(String message) {
        return new TeacherCallException(TeacherCallException.Kind.CONFIGURATION, 0, message, null, null, null);
    }

    private static boolean isAuthHeader(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("authorization") || n.equals("api-key");
    }
}
