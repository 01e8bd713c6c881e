package io.sparkdistill.provenance;

import io.sparkdistill.config.ConfigLoader;
import io.sparkdistill.config.JobConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EffectiveConfigTest {
    /**
     * A base URL with a password (the Basic auth of a proxy) and a secret query value, and a header holding a token:
     * none may be recorded.
     */
    static final String API_JOB = """
            name: support
            task: classification
            labels: [billing, refund]
            data:
              train: data/train.jsonl
              test: data/test.jsonl
            teacher:
              kind: api
              endpoint:
                provider: generic
                base_url: https://proxy-user:pl4nted-password@llm.internal/v1?api-key=pl4nted-query
                model: gpt-4o-mini
                headers:
                  X-Gateway-Token: pl4nted-header
                  OpenAI-Organization: org-1
            hyperparameters:
              num_epochs: 10
              seed: 7
            """;
    /** The same job with its sections, its keys and its headers in another order. */
    private static final String SAME_JOB_REORDERED = """
            hyperparameters:
              seed: 7
              num_epochs: 10
            teacher:
              endpoint:
                headers:
                  OpenAI-Organization: org-1
                  X-Gateway-Token: pl4nted-header
                model: gpt-4o-mini
                base_url: https://proxy-user:pl4nted-password@llm.internal/v1?api-key=pl4nted-query
                provider: generic
              kind: api
            data:
              test: data/test.jsonl
              train: data/train.jsonl
            labels: [billing, refund]
            task: classification
            name: support
            """;

    static JobConfig apiJob() {
        return ConfigLoader.parse(API_JOB, "job.yaml");
    }

    @Test
    void theHashDoesNotDependOnTheOrderKeysWereWrittenIn() {
        EffectiveConfig written = EffectiveConfig.of(apiJob());
        EffectiveConfig reordered = EffectiveConfig.of(ConfigLoader.parse(SAME_JOB_REORDERED, "reordered.yaml"));
        assertEquals(written.sha256(), reordered.sha256());
        assertEquals(written, reordered);
        assertTrue(written.sha256().matches("[0-9a-f]{64}"), written.sha256());
    }

    @Test
    void theHashChangesWithAnyValue() {
        EffectiveConfig ten = EffectiveConfig.of(apiJob());
        EffectiveConfig eleven = EffectiveConfig.of(ConfigLoader.parse(API_JOB.replace("num_epochs: 10",
                "num_epochs: 11"), "job.yaml"));
        assertNotEquals(ten.sha256(), eleven.sha256());
    }

    @Test
    void recordsEveryDefaultUnderItsYamlName() {
        EffectiveConfig config = EffectiveConfig.of(apiJob());
        assertEquals(10, config.config().at("/hyperparameters/num_epochs").asInt());
        assertEquals(7, config.config().at("/hyperparameters/seed").asInt());
        assertEquals("gpt-4o-mini", config.config().at("/teacher/endpoint/model").asText());
        assertEquals("api", config.config().at("/teacher/kind").asText(), "which kind of teacher, as the YAML says it");
        // A default the YAML never wrote.
        assertTrue(config.config().at("/hyperparameters/batch_size").isNumber(), config.config().toString());
    }

    @Test
    void neverRecordsTheBaseUrlsCredentialsNorHeaderValues() {
        EffectiveConfig config = EffectiveConfig.of(apiJob());
        String json = config.config().toString();
        assertFalse(json.contains("pl4nted"), json);
        assertEquals("https://****@llm.internal/v1?api-key=****",
                config.config().at("/teacher/endpoint/base_url").asText());
        assertEquals("****", config.config().at("/teacher/endpoint/headers/X-Gateway-Token").asText());
    }

    @Test
    void rotatingAPasswordKeepsTheHash() {
        JobConfig rotated = ConfigLoader.parse(API_JOB.replace("pl4nted-password", "n3w-password"), "job.yaml");
        assertEquals(EffectiveConfig.of(apiJob()).sha256(), EffectiveConfig.of(rotated).sha256());
    }
}
