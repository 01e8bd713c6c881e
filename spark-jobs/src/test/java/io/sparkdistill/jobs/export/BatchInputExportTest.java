package io.sparkdistill.jobs.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdistill.ingest.Example;
import io.sparkdistill.ingest.Split;
import io.sparkdistill.ingest.TaskType;
import io.sparkdistill.jobs.RunLayout;
import io.sparkdistill.jobs.SharedSpark;
import io.sparkdistill.jobs.generate.BatchInputExport;
import io.sparkdistill.teacher.api.EndpointConfig;
import io.sparkdistill.teacher.api.GenerationParameters;
import io.sparkdistill.teacher.api.Provider;
import io.sparkdistill.teacher.prompt.PromptTemplate;
import io.sparkdistill.teacher.prompt.PromptTemplates;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static io.sparkdistill.jobs.export.ExportFixtures.NLI_LABELS;
import static io.sparkdistill.jobs.export.ExportFixtures.example;
import static io.sparkdistill.jobs.export.ExportFixtures.lines;
import static io.sparkdistill.jobs.export.ExportFixtures.partFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchInputExportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SparkSession spark = SharedSpark.session();

    private static EndpointConfig endpoint(Provider provider, String model) {
        return new EndpointConfig(provider, "https://teacher.example.com", model,
                provider == Provider.OPENAI ? null : "2024-10-21", "KEY", null, Map.of(), Duration.ofSeconds(30), 4);
    }

    private JavaRDD<Example> pending(int n) {
        List<Example> examples = IntStream.range(0, n).mapToObj(i -> example("ex-" + i, TaskType.NLI, Split.TRAIN,
                Map.of("premise", "premise " + i, "hypothesis", "hypothesis " + i), "neutral")).toList();
        return JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(examples, 2);
    }

    @Test
    void everyPendingExampleBecomesOneLineWithItsIdAndTheModelSplitIntoFilesOfAtMostTheLimit(@TempDir Path dir)
            throws Exception {
        RunLayout layout = new RunLayout(dir.resolve("run").toString());
        PromptTemplate template = PromptTemplates.load(TaskType.NLI).withRationale(true);
        GenerationParameters parameters = new GenerationParameters(0.0, 64, null, null, null, null, false, null);

        BatchInputExport.Manifest manifest = BatchInputExport.write(spark, layout, pending(5), template, parameters,
                endpoint(Provider.OPENAI, "gpt-4o-mini"), NLI_LABELS, 2);

        assertEquals(5, manifest.requests());
        assertEquals(3, manifest.files());
        String folder = BatchInputExport.inputFolder(layout);
        assertTrue(folder.endsWith("/batch/input"), folder);
        List<Path> parts = partFiles(folder);
        assertEquals(3, parts.size());
        for (Path part : parts) {
            long count = Files.readAllLines(part).stream().filter(l -> !l.isBlank()).count();
            assertTrue(count >= 1 && count <= 2, part + " holds " + count + " lines");
        }
        Set<String> ids = new HashSet<>();
        for (String line : lines(folder)) {
            JsonNode json = JSON.readTree(line);
            ids.add(json.get("custom_id").asText());
            assertEquals("POST", json.get("method").asText());
            assertEquals("/v1/chat/completions", json.get("url").asText());
            assertEquals("gpt-4o-mini", json.get("body").get("model").asText());
            assertEquals(64, json.get("body").get("max_tokens").asInt());
            String user = json.get("body").get("messages").get(1).get("content").asText();
            String id = json.get("custom_id").asText();
            assertTrue(user.contains("premise " + id.substring(3)), "the prompt of " + id + ": " + user);
            assertTrue(user.contains("JSON object"), "rendered in the job's rationale mode: " + user);
        }
        assertEquals(Set.of("ex-0", "ex-1", "ex-2", "ex-3", "ex-4"), ids);

        JsonNode written = JSON.readTree(Files.readString(Path.of(BatchInputExport.manifestFile(layout))));
        assertEquals("nli-v1+rationale", written.get("template_version").asText());
        assertEquals(template.fingerprint(), written.get("template_fingerprint").asText());
        assertEquals("/v1/chat/completions", written.get("url").asText());
        assertEquals(5, written.get("requests").asInt());
    }

    @Test
    void anAzureBatchNamesTheDeploymentAndTheShortUrl(@TempDir Path dir) throws Exception {
        RunLayout layout = new RunLayout(dir.resolve("run").toString());

        BatchInputExport.Manifest manifest = BatchInputExport.write(spark, layout, pending(3),
                PromptTemplates.load(TaskType.NLI), GenerationParameters.defaults(),
                endpoint(Provider.AZURE_OPENAI, "gpt-4o-global-batch"), NLI_LABELS);

        assertEquals("azure_openai", manifest.flavour());
        assertEquals(1, manifest.files());
        List<String> models = new ArrayList<>();
        for (String line : lines(BatchInputExport.inputFolder(layout))) {
            JsonNode json = JSON.readTree(line);
            assertEquals("/chat/completions", json.get("url").asText());
            models.add(json.get("body").get("model").asText());
        }
        assertEquals(List.of("gpt-4o-global-batch", "gpt-4o-global-batch", "gpt-4o-global-batch"), models);
    }

    @Test
    void anEndpointWithoutABatchApiIsRefusedBeforeAnythingIsWritten(@TempDir Path dir) {
        RunLayout layout = new RunLayout(dir.resolve("run").toString());
        assertThrows(IllegalArgumentException.class, () -> BatchInputExport.write(spark, layout, pending(1),
                PromptTemplates.load(TaskType.NLI), GenerationParameters.defaults(),
                endpoint(Provider.AZURE_AI_INFERENCE, "phi-4"), NLI_LABELS));
        assertTrue(Files.notExists(Path.of(BatchInputExport.inputFolder(layout))));
    }
}
