package io.sparkdistill.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdistill.config.ConfigLoader;
import io.sparkdistill.config.ConfigOverrides;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.jobs.evaluate.EvaluateJob;
import io.sparkdistill.jobs.generate.GenerateJob;
import io.sparkdistill.jobs.generate.GenerateSummary;
import io.sparkdistill.jobs.teacher.FakeChatServer;
import io.sparkdistill.jobs.teacher.KnowingTeacher;
import io.sparkdistill.jobs.train.TrainJob;
import io.sparkdistill.jobs.train.TrainSummary;
import io.sparkdistill.student.generative.GenerativeStudent;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each text task's sample through all three stages, with its shipped config (conf/&lt;task&gt;.yaml) and a teacher
 * behind the loopback OpenAI-compatible server that knows the sample's answers: generate asks it, train fits a
 * distilled student on its answers and a baseline on the gold answers with dl4j-spark, evaluate scores all three.
 * The students are kept tiny and trained for three epochs (the figures in the README come from the shipped sizes):
 * this checks the wiring and that training learns, and every metric of metrics.json.
 */
class TextTasksPipelineTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "qa            | exact_match f1",
            "summarisation | rouge1 rouge2 rougeL",
            "conversation  | bleu chrf",
            "math          | exact_match"})
    void aTextTaskRunsEndToEndAndReportsEveryMetricForTheThreeModels(String task, String metricNames)
            throws Exception {
        SparkSession spark = SharedSpark.session();
        Path data = TestJobs.copySamples(task);
        List<String> metrics = List.of(metricNames.split(" "));
        try (FakeChatServer server = FakeChatServer.start(null, KnowingTeacher.of(task, data))) {
            JobConfig config = ConfigLoader.parse(TestJobs.yaml(task, data), task + ".yaml",
                    ConfigOverrides.of(Map.of(), List.of(
                            "teacher.endpoint.base_url=" + server.baseUrl(),
                            "teacher.requests_per_minute=",
                            "student.generative.vocab_size=300",
                            "student.generative.embedding=24",
                            "student.generative.hidden=48",
                            "student.generative.max_prompt_tokens=64",
                            "student.generative.max_answer_tokens=40",
                            "student.generative.beam_width=2",
                            "hyperparameters.learning_rate=0.02",
                            "hyperparameters.num_epochs=3",
                            "evaluation.latency_examples=10",
                            "evaluation.warmup_examples=3")));
            RunContext run = RunContext.create(config, spark);
            RunLayout layout = run.layout();

            GenerateSummary generated = new GenerateJob(run).run();
            long rows = lines(data, "train") + lines(data, "validation") + lines(data, "test");
            assertTrue(generated.generated() >= 0.9 * rows, "the teacher answered: " + generated.generated());

            TrainSummary trained = new TrainJob(run).run();
            for (String kind : List.of(TrainJob.BASELINE, TrainJob.DISTILLED)) {
                assertEquals(3, trained.students().get(kind).epochsRun());
                GenerativeStudent saved = GenerativeStudent.load(Path.of(layout.model(kind)));
                @SuppressWarnings("unchecked")
                List<Double> validationLoss = (List<Double>) saved.metadata().provenance()
                        .get("validation_loss_by_epoch");
                // The loss is summed over an answer's tokens; guessing uniformly costs ln(vocabulary) per token.
                double perToken = validationLoss.stream().mapToDouble(Double::doubleValue).min().orElseThrow()
                        / meanAnswerTokens(saved, task, data);
                assertTrue(perToken < 0.9 * Math.log(saved.vocabulary().size()), kind + " learnt more than a "
                        + "uniform guess: " + perToken + " nats per token, epochs " + validationLoss);
            }

            new EvaluateJob(run).run();

            JsonNode json = JSON.readTree(Files.readString(Path.of(layout.metrics())));
            for (String role : List.of("teacher", "baseline", "distilled")) {
                JsonNode model = json.at("/models/" + role);
                assertEquals(metrics, names(model.get("quality")), role + " quality");
                assertEquals(role.equals("teacher") ? List.of() : metrics, names(model.get("agreement")),
                        role + " agreement with the teacher");
                assertTrue(model.at("/latency/p50_ms").asDouble() > 0, role + " latency");
                assertTrue(model.at("/latency_per_token/p50_ms").asDouble() > 0, role + " latency per token");
                assertTrue(model.at("/latency/p99_ms").asDouble() >= model.at("/latency/p50_ms").asDouble());
            }
            for (String role : List.of("baseline", "distilled")) {
                JsonNode model = json.at("/models/" + role);
                assertTrue(model.get("parameter_count").asLong() > 10_000, role + " parameters");
                assertTrue(model.get("size_on_disk_bytes").asLong() > 0, role + " size");
                assertTrue(model.get("throughput_per_second").asDouble() > 0, role + " throughput");
            }
            // The loopback teacher answers with one of the gold references, so it scores the top of every scale.
            String primary = json.at("/quality_metrics/primary").asText();
            double full = json.at("/quality_metrics/full_scale/" + primary).asDouble();
            assertEquals(full, json.at("/models/teacher/quality/" + primary).asDouble(), 1e-6);
            assertTrue(json.at("/comparison/retained_percent").isNumber());
            assertTrue(json.at("/comparison/speedup_p50").isNumber());

            List<Row> predictions = spark.read().parquet(layout.predictions()).collectAsList();
            long testRows = spark.read().parquet(layout.synthetic()).where("split = 'test'").count();
            assertEquals(testRows, predictions.size(), "every test example the teacher answered, by both students");
            for (Row p : predictions) {
                assertNotNull(p.getString(p.fieldIndex("distilled_answer")));
                assertTrue(p.getInt(p.fieldIndex("distilled_tokens")) <= 40, "at most max_answer_tokens");
                assertEquals(task.equals("conversation"), !p.isNullAt(p.fieldIndex("distilled_sentence_bleu")),
                        "sentence BLEU for conversation only");
            }
            String html = Files.readString(Path.of(layout.htmlReport()));
            assertTrue(html.contains("<svg"), "charts drawn inline");
            assertFalse(html.contains("http://") && html.contains("<script src"), "self-contained");
        }
    }

    private static long lines(Path data, String split) throws Exception {
        return Files.readAllLines(data.resolve(split + ".jsonl")).stream().filter(l -> !l.isBlank()).count();
    }

    /** Tokens per gold answer of the validation split, the end token included: what the validation loss sums over. */
    private static double meanAnswerTokens(GenerativeStudent student, String task, Path data) throws Exception {
        return Files.readAllLines(data.resolve("validation.jsonl")).stream().filter(l -> !l.isBlank())
                .mapToInt(l -> {
                    try {
                        String gold = goldTarget(task, JSON.readTree(l));
                        return Math.min(student.vocabulary().encode(gold).length + 1,
                                student.metadata().settings().maxAnswerTokens());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).average().orElseThrow();
    }

    private static String goldTarget(String task, JsonNode row) {
        return task.equals("qa") ? row.get("answers").get(0).asText() : KnowingTeacher.answer(task, row);
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
