package io.sparkdistill.teacher.api;

import io.sparkdistill.config.EndpointSettings;

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
 *                    {@code http://localhost:11434/v1}; a {@code user:password@} in it is sent as Basic auth, and
 *                    it and secret query values ({@code key=}, {@code sig=}, ...) are masked wherever it is shown
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

    /** The endpoint of a job's {@code teacher.endpoint}; throws IllegalArgumentException naming the field at fault. */
    public static EndpointConfig of(EndpointSettings settings) {
        return new EndpointConfig(Provider.fromConfigName(settings.provider()), settings.baseUrl(), settings.model(),
                settings.apiVersion(), settings.apiKeyEnv(), settings.apiKeyFile(), settings.headers(),
                Duration.ofSeconds(settings.timeoutSeconds()), settings.maxInFlight());
    }

    public EndpointConfig {
        Objects.requireNonNull(provider, "provider");
        BaseUrl url = BaseUrl.parse(baseUrl);
        baseUrl = url.text();
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
        if (url.hasUserInfo() && (provider == Provider.OPENAI || provider == Provider.GENERIC)
                && (apiKeyEnv != null || apiKeyFile != null)) {
            throw new IllegalArgumentException("teacher endpoint baseUrl '" + url.redacted() + "' carries a user and "
                    + "password, sent as Basic auth in the Authorization header, and " + (apiKeyEnv != null
                    ? "apiKeyEnv" : "apiKeyFile") + " names a key for the same header; keep one of them");
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

    /** The chat-completions URL of this endpoint, without the base URL's user and password (sent as a header). */
    public URI chatCompletionsUri() {
        BaseUrl url = BaseUrl.parse(baseUrl);
        return switch (provider) {
            case OPENAI, GENERIC -> url.resolve("/chat/completions", null);
            case AZURE_OPENAI -> url.resolve("/openai/deployments/" + URLEncoder.encode(model, StandardCharsets.UTF_8)
                    + "/chat/completions", "api-version=" + URLEncoder.encode(apiVersion, StandardCharsets.UTF_8));
            case AZURE_AI_INFERENCE -> url.resolve("/chat/completions",
                    "api-version=" + URLEncoder.encode(apiVersion, StandardCharsets.UTF_8));
        };
    }

    /**
     * The base URL with its user info and secret query values masked: what logs, exceptions, provenance and the
     * teacher fingerprint show, so a rotated password neither leaks nor makes the paid answers look new.
     */
    public String redactedBaseUrl() {
        return BaseUrl.parse(baseUrl).redacted();
    }

    /** The {@code model} field of the request body; absent for Azure OpenAI, whose URL names the deployment. */
    public Optional<String> bodyModel() {
        return provider == Provider.AZURE_OPENAI ? Optional.empty() : Optional.of(model);
    }

    /**
     * Reads the key now, from the environment variable or the file. Whitespace around it (the newline an editor or
     * {@code echo} leaves at the end of a file) is trimmed; any other character outside visible ASCII, such as a
     * zero-width space pasted with the key, is refused by its position and name.
     *
     * @param environment looks up an environment variable ({@code System::getenv} in production)
     * @return empty when no key is configured (a local vLLM or Ollama)
     * @throws TeacherCallException of kind {@link TeacherCallException.Kind#CONFIGURATION} when the variable is
     *                              unset, the file unreadable, or the key holds a character a header cannot carry;
     *                              the message names the variable or file, never the key
     */
    public Optional<Secret> apiKey(UnaryOperator<String> environment) {
        String value;
        String source;
        if (apiKeyEnv != null) {
            value = environment.apply(apiKeyEnv);
            if (value == null || value.isBlank()) {
                throw configurationError("environment variable " + apiKeyEnv + " (apiKeyEnv) is not set or empty");
            }
            source = "environment variable " + apiKeyEnv + " (apiKeyEnv)";
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
            source = "key file " + apiKeyFile + " (apiKeyFile)";
        } else {
            return Optional.empty();
        }
        try {
            return Optional.of(new Secret(value.strip()));
        } catch (IllegalArgumentException e) {
            throw configurationError("the key in " + source + ": " + e.getMessage());
        }
    }

    /**
     * Sets the extra headers, Basic auth from the base URL's user info, and the key's header of this provider
     * flavour on a request being built.
     */
    public void applyHeaders(HttpRequest.Builder request, Optional<Secret> key) {
        headers.forEach(request::header);
        BaseUrl.parse(baseUrl).basicAuthorization().ifPresent(basic -> request.setHeader("Authorization", basic));
        key.ifPresent(k -> {
            switch (provider) {
                case OPENAI, GENERIC -> request.setHeader("Authorization", "Bearer " + k.reveal());
                case AZURE_OPENAI, AZURE_AI_INFERENCE -> request.setHeader("api-key", k.reveal());
            }
        });
    }

    /** Like the record's own, but with the base URL's credentials masked: configs end up in logs and messages. */
    @Override
    public String toString() {
        return "EndpointConfig[provider=" + provider + ", baseUrl=" + redactedBaseUrl() + ", model=" + model
                + ", apiVersion=" + apiVersion + ", apiKeyEnv=" + apiKeyEnv + ", apiKeyFile=" + apiKeyFile
                + ", headers=" + headers + ", timeout=" + timeout + ", maxInFlight=" + maxInFlight + "]";
    }

    private static TeacherCallException configurationError(String message) {
        return new TeacherCallException(TeacherCallException.Kind.CONFIGURATION, 0, message, null, null, null);
    }

    private static boolean isAuthHeader(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("authorization") || n.equals("api-key");
    }
}
