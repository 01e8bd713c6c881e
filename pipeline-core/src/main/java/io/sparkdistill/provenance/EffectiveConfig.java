package io.sparkdistill.provenance;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.error.UrlCredentials;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The config a run actually ran with (every default filled in, every override applied) and its SHA-256, so two
 * artefacts can be told apart by config at a glance and the config itself read back. Secrets never enter it: a key
 * is never a config value (the config names its variable or file), the base URL's user info and secret query values
 * are masked as everywhere else, and header values are masked whole (they do not change the teacher's answers).
 * The hash is taken over the canonical JSON (keys sorted at every level) of that masked config, so it does not
 * depend on the order keys were written in, nor change when a password is rotated, and anyone can recompute it
 * from the recorded config.
 *
 * @param sha256 hex SHA-256 of {@code config}'s canonical JSON
 * @param config the effective config, snake_case keys as in the YAML, secrets masked
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EffectiveConfig(String sha256, JsonNode config) implements Serializable {
    static final String MASK = "****";
    /** Record components alone, under their YAML names, in sorted order: the canonical form hashed. */
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    /** The effective config of {@code job}, masked and hashed. */
    public static EffectiveConfig of(JobConfig job) {
        try {
            String canonical = CANONICAL.writeValueAsString(masked(CANONICAL.valueToTree(job)));
            byte[] digest = InputFile.newDigest().digest(canonical.getBytes(StandardCharsets.UTF_8));
            // Read back from the text, so the numbers have the types any later reading of the JSON gives them.
            return new EffectiveConfig(HexFormat.of().formatHex(digest), CANONICAL.readTree(canonical));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the effective config as JSON", e);
        }
    }

    /** {@code node} with URL credentials masked in every text and every header value masked, changed in place. */
    private static JsonNode masked(JsonNode node) {
        if (node.isTextual()) {
            return TextNode.valueOf(UrlCredentials.redact(node.textValue()));
        }
        if (node instanceof ObjectNode object) {
            object.fields().forEachRemaining(field -> field.setValue(
                    field.getKey().equals("headers") && field.getValue() instanceof ObjectNode headers
                            ? maskedValues(headers) : masked(field.getValue())));
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, masked(array.get(i)));
            }
        }
        return node;
    }

    private static ObjectNode maskedValues(ObjectNode headers) {
        headers.fields().forEachRemaining(header -> header.setValue(TextNode.valueOf(MASK)));
        return headers;
    }
}
