package io.sparkdistill.jobs.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdistill.config.ConfigLoader;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.jobs.RunLayout;
import io.sparkdistill.jobs.SharedSpark;
import io.sparkdistill.jobs.evaluate.EvaluateJob;
import io.sparkdistill.jobs.store.GenerateSummary;
import io.sparkdistill.jobs.teacher.FakeChatServer;
import io.sparkdistill.jobs.teacher.Fault;
import io.sparkdistill.jobs.teacher.FaultPlan;
import io.sparkdistill.jobs.teacher.SupportIntentTeacher;
import io.sparkdistill.jobs.train.TrainJob;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generate with an API teacher: a real OpenAI-protocol server on loopback answers a slice of the customer-support
 * sample with injected faults (429 with Retry-After, 500, 503, slow past the timeout, connection resets, malformed
 * JSON, truncated answers). The steps share one run folder, so they run in order.
 */
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiTeacherGenerateTest {
    private static final List<String> LABELS = SupportIntentTeacher.LABELS;
    private static final int EXAMPLES = 300;
    private static final int MAX_ATTEMPTS = 3;
    private static final int REQUESTS_PER_MINUTE = 3000;
    private static final String KEY = "sk-planted-" + UUID.randomUUID().toString().replace("-", "");

    private static SparkSession spark;
    private static FakeChatServer server;
    private static JobConfig config;
    private static RunLayout layout;
    private static final Set<String> ANSWERED = new HashSet<>();

    @BeforeAll
    static void start() throws Exception {
        spark = SharedSpark.session();
        Path data = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "api-teacher-");
        Path project = Path.of("..").toAbsolutePath().normalize();
        String[] splits = {"train", "validation", "test"};
        int[] sizes = {200, 40, 60};
        for (int i = 0; i < splits.length; i++) {
            List<String> lines = Files.readAllLines(project.resolve("data-samples/customer-support/" + splits[i]
                    + ".jsonl")).subList(0, sizes[i]);
            Files.write(data.resolve(splits[i] + ".jsonl"), lines);
        }
        Path keyFile = data.resolve("teacher.key");
        Files.writeString(keyFile, KEY);

        FaultPlan faults = FaultPlan.builder().seed(7)
                .share(0.05, Fault.rateLimited(1), 1)                  // transient: retried after 1 s
                .share(0.05, Fault.serverError(), 2)                   // transient: two 500s, then an answer
                .share(0.03, Fault.unavailable(), FaultPlan.ALWAYS)    // permanent: ends in failed/
                .share(0.03, Fault.truncated(), FaultPlan.ALWAYS)      // answered but cut: rejected/
                .share(0.02, Fault.malformedJson(), FaultPlan.ALWAYS)  // unusable body: failed/, not retried
                .share(0.02, Fault.slow(Duration.ofSeconds(3)), 1)     // past the 1 s timeout once
                .share(0.02, Fault.connectionReset(), 1)               // reset once
                .build();
        server = FakeChatServer.builder().apiKey(KEY)
                .answerer(SupportIntentTeacher.answerer()).faults(faults).start();

        String yaml = Files.readString(project.resolve("conf/customer-support-api.yaml"))
                .replace("../data-samples/customer-support/", data + "/")
                .replace("dir: ../runs", "dir: " + data.resolve("runs"))
                .replace("provider: openai", "provider: generic")
                .replace("base_url: https://api.openai.com/v1", "base_url: " + server.baseUrl())
                .replace("api_key_env: OPENAI_API_KEY", "api_key_file: " + keyFile)
                .replace("timeout_seconds: 60", "timeout_seconds: 1")
                .replace("max_in_flight: 8", "max_in_flight: 4")
                .replace("requests_per_minute: 500", "requests_per_minute: " + REQUESTS_PER_MINUTE)
                .replace("max_attempts: 5", "max_attempts: " + MAX_ATTEMPTS)
                .replace("num_epochs: 10", "num_epochs: 3");
        config = ConfigLoader.parse(yaml, "customer-support-api (test copy)");
        layout = RunLayout.of(config);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @Order(1)
    void everyExampleEndsInExactlyOneOfSyntheticRejectedOrFailed() {
        GenerateSummary summary = new GenerateJob(RunContext.create(config, spark)).run();

        List<String> accepted = ids(layout.synthetic());
        List<String> rejected = ids(layout.rejected());
        List<String> failed = ids(layout.failed());
        ANSWERED.addAll(accepted);
        ANSWERED.addAll(rejected);
        ANSWERED.addAll(failed);
        assertEquals(EXAMPLES, ANSWERED.size(), "every example is somewhere");
        assertEquals(EXAMPLES, accepted.size() + rejected.size() + failed.size(), "and in one place only");

        assertTrue(accepted.size() >= 0.8 * EXAMPLES, "most answers are accepted: " + accepted.size());
        assertTrue(summary.rejectedByReason().getOrDefault("truncated", 0L) > 0, summary.rejectedByReason()
                .toString());
        assertTrue(summary.failedByKind().containsKey("server_error"), summary.failedByKind().toString());
        assertTrue(summary.failedByKind().containsKey("malformed_response"), summary.failedByKind().toString());
        assertEquals(EXAMPLES, summary.teacherCalls());
        assertTrue(summary.promptTokens() > 0 && summary.completionTokens() > 0);
        assertTrue(summary.estimatedCost() > 0);

        assertTrue(server.maxAttempts() <= MAX_ATTEMPTS, "attempts per example: " + server.maxAttempts());
        assertTrue(server.attemptsByPrompt().values().stream().anyMatch(a -> a > 1), "transient faults are retried");
        // The limiter keeps one second's share in hand and refills continuously: at most two shares in any second.
        int perSecond = REQUESTS_PER_MINUTE / 60;
        int busiestSecond = server.maxRequestsInWindow(Duration.ofSeconds(1));
        assertTrue(busiestSecond <= 2 * perSecond, "requests in the busiest second: " + busiestSecond);
        assertTrue(server.headerValues("Authorization").contains("Bearer " + KEY), "the key was sent");
    }

    @Test
    @Order(2)
    void softLabelsComeFromTheTeachersLogprobs() {
        Row row = spark.read().parquet(layout.synthetic()).where("split = 'train'").first();
        List<Float> p = row.getList(row.fieldIndex("teacher_probabilities"));
        assertEquals(LABELS.size(), p.size());
        float top = p.stream().max(Float::compare).orElseThrow();
        assertTrue(top > 0.5 && top < 0.99, "a soft distribution, not one-hot: " + p);
        assertEquals(p.indexOf(top), LABELS.indexOf(row.getString(row.fieldIndex("teacher_label"))));
        assertTrue(row.getString(row.fieldIndex("template_version")).startsWith("classification-v"));
        assertTrue(row.getInt(row.fieldIndex("attempts")) >= 1);
    }

    @Test
    @Order(3)
    void aRerunAsksOnlyForTheExamplesThatFailed() {
        long failedBefore = ids(layout.failed()).size();
        GenerateSummary again = new GenerateJob(RunContext.create(config, spark)).run();
        assertEquals(failedBefore, again.teacherCalls(), "only failed examples are asked again");
        assertEquals(EXAMPLES - failedBefore, again.alreadyGenerated());

        List<String> accepted = ids(layout.synthetic());
        Set<String> all = new HashSet<>(accepted);
        all.addAll(ids(layout.rejected()));
        all.addAll(ids(layout.failed()));
        assertEquals(ANSWERED, all);
        assertEquals(accepted.size(), new HashSet<>(accepted).size(), "no example accepted twice");
    }

    @Test
    @Order(4)
    void studentsTrainOnTheApiTeachersAnswersAndTheKeyIsInNoOutput() throws Exception {
        RunContext run = RunContext.create(config, spark);
        new TrainJob(run).run();
        String report = new EvaluateJob(run).run();

        JsonNode metrics = new ObjectMapper().readTree(Files.readString(Path.of(layout.metrics())));
        double agreement = metrics.at("/summary/details/agreement_distilled_vs_teacher").asDouble();
        System.out.printf("api teacher: accuracy %.3f, distilled %.3f, distilled agrees with the teacher on %.3f%n",
                metrics.at("/models/teacher/scores/accuracy").asDouble(),
                metrics.at("/models/distilled/scores/accuracy").asDouble(), agreement);
        assertTrue(agreement > 2.0 / LABELS.size(), "the student learned the teacher, well above chance: " + agreement);
        assertTrue(metrics.at("/models/teacher/latency/p50_ms").asDouble() >= 0);
        String markdown = Files.readString(Path.of(report));
        assertTrue(markdown.contains("n/a"), "the API teacher's size is not known");
        assertTrue(markdown.contains("| prompt tokens |") && markdown.contains("| failed: server_error |"),
                "the report accounts for the teacher's calls");

        byte[] key = KEY.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(Path.of(layout.root()))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertFalse(contains(Files.readAllBytes(file), key), "the key leaked into " + file);
            }
        }
    }

    private static List<String> ids(String path) {
        if (!Files.exists(Path.of(path))) {
            return List.of();
        }
        return spark.read().parquet(path).select("id").as(Encoders.STRING()).collectAsList();
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
