package io.sparkdistill.jobs.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkdistill.config.ConfigLoader;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.jobs.RunLayout;
import io.sparkdistill.jobs.SharedSpark;
import io.sparkdistill.jobs.store.GenerateSummary;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Batch API route: pending examples written as a batch input file, the provider's output file (made here the
 * way the Batch API writes it) taken back as the teacher's answers, with nothing asked of a live endpoint.
 */
class BatchRoundTripTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aBatchOutputFileBecomesTheTeachersAnswersAndOnlyMissingExamplesStayPending() throws Exception {
        SparkSession spark = SharedSpark.session();
        Path data = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "batch-");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            lines.add("{\"text\": \"I was charged twice, invoice " + i + "\", \"label\": \"billing\"}");
        }
        Files.write(data.resolve("train.jsonl"), lines.subList(0, 30));
        Files.write(data.resolve("test.jsonl"), lines.subList(30, 40));
        JobConfig config = ConfigLoader.parse("""
                name: batch
                task: classification
                labels: [billing, refund_request]
                data: {train: %s, test: %s}
                teacher:
                  kind: api
                  endpoint: {provider: openai, base_url: "http://127.0.0.1:9/v1", model: gpt-4o-mini,
                             api_key_env: NO_KEY_NEEDED_FOR_FILES}
                output: {dir: %s}
                """.formatted(data.resolve("train.jsonl"), data.resolve("test.jsonl"), data.resolve("runs")),
                "batch.yaml");
        RunLayout layout = RunLayout.of(config);

        BatchInputExport.Manifest manifest = new GenerateJob(RunContext.create(config, spark)).exportBatch();
        assertEquals(40, manifest.requests());
        List<JsonNode> requests = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of(BatchInputExport.inputFolder(layout)))) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("part-")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    requests.add(JSON.readTree(line));
                }
            }
        }
        assertEquals(40, requests.size());
        assertEquals("/v1/chat/completions", requests.get(0).get("url").asText());
        assertEquals("gpt-4o-mini", requests.get(0).at("/body/model").asText());

        // The provider's output: 37 answers, 1 error, and 2 requests that never came back.
        Path output = data.resolve("batch-output.jsonl");
        List<String> results = new ArrayList<>();
        for (int i = 0; i < 38; i++) {
            String id = requests.get(i).get("custom_id").asText();
            ObjectNode line = JSON.createObjectNode().put("id", "batch_req_" + i).put("custom_id", id);
            if (i == 37) {
                line.putNull("response");
                line.putObject("error").put("code", "server_error").put("message", "the model crashed");
            } else {
                ObjectNode response = line.putObject("response").put("status_code", 200)
                        .put("request_id", "req_" + i);
                ObjectNode body = response.putObject("body").put("id", "chatcmpl-" + i).put("model", "gpt-4o-mini");
                ObjectNode choice = body.putArray("choices").addObject().put("index", 0)
                        .put("finish_reason", "stop");
                choice.putObject("message").put("role", "assistant").put("content", "billing");
                body.putObject("usage").put("prompt_tokens", 80).put("completion_tokens", 1)
                        .put("total_tokens", 81);
                line.putNull("error");
            }
            results.add(JSON.writeValueAsString(line));
        }
        Files.write(output, results);

        GenerateSummary imported = new GenerateJob(RunContext.create(config, spark)).importBatch(output.toString());
        assertEquals(37, imported.generated());
        assertEquals(38, imported.teacherCalls());
        assertEquals(1L, imported.failedByKind().values().stream().mapToLong(Long::longValue).sum());
        assertEquals(37 * 80, imported.promptTokens());
        assertEquals(37, spark.read().parquet(layout.synthetic()).count());

        // What is still pending: the failed one and the two without a result.
        BatchInputExport.Manifest next = new GenerateJob(RunContext.create(config, spark)).exportBatch();
        assertEquals(3, next.requests());
        assertTrue(next.templateVersion().startsWith("classification-v"));
    }
}
