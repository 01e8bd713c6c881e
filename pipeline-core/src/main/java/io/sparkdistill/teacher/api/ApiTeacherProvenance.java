package io.sparkdistill.teacher.api;

import io.sparkdistill.teacher.TeacherInfo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The provenance of an API teacher, in the same {@link TeacherInfo} the offline teacher writes: the endpoint and
 * the sampling parameters, enough to know which answers can be reused. Its fingerprint covers exactly what changes
 * the answers (provider, URL, model, API version, every generation parameter) and nothing that does not (the key,
 * extra headers, timeout, concurrency), so it can key the cache of paid-for results. The URL is the redacted one:
 * its credentials are not provenance, and rotating a password must not make every paid answer look new.
 */
public final class ApiTeacherProvenance {
    private ApiTeacherProvenance() {
    }

    public static TeacherInfo of(EndpointConfig endpoint, GenerationParameters parameters) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("provider", endpoint.provider().configName());
        details.put("baseUrl", endpoint.redactedBaseUrl());
        details.put("apiVersion", String.valueOf(endpoint.apiVersion()));
        details.put("temperature", String.valueOf(parameters.temperature()));
        details.put("maxTokens", String.valueOf(parameters.maxTokens()));
        details.put("topP", String.valueOf(parameters.topP()));
        details.put("n", String.valueOf(parameters.n()));
        details.put("seed", String.valueOf(parameters.seed()));
        details.put("stop", String.valueOf(parameters.stop()));
        details.put("logprobs", String.valueOf(parameters.logprobs()));
        details.put("topLogprobs", String.valueOf(parameters.topLogprobs()));
        StringBuilder identity = new StringBuilder(endpoint.model());
        details.forEach((k, v) -> identity.append('\n').append(k).append('=').append(v));
        return new TeacherInfo(endpoint.model(), endpoint.provider().configName(), fingerprint(identity.toString()),
                details);
    }

    /** First 12 hex digits of the SHA-256, like the offline teacher's model fingerprint. */
    private static String fingerprint(String identity) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
