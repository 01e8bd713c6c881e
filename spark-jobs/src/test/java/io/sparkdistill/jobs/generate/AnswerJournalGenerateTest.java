package io.sparkdistill.jobs.generate;

import io.sparkdistill.config.ConfigLoader;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.jobs.RunLayout;
import io.sparkdistill.jobs.SharedSpark;
import io.sparkdistill.jobs.store.GenerateSummary;
import io.sparkdistill.jobs.teacher.Answerer;
import io.sparkdistill.jobs.teacher.FakeChatServer;
import io.sparkdistill.teacher.api.ChatResponse;
import io.sparkdistill.teacher.cache.JournalEntry;
import io.sparkdistill.teacher.cache.PromptKey;
import io.sparkdistill.teacher.cache.ResponseJson;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A run folder holding the answer journal of a killed run (two whole answers and a torn third line, as a kill
 * mid-write leaves it): the next generate takes the two answers from the journal without asking the teacher, asks
 * for the torn one and the rest, and removes the journal once its answers are kept; with the answer cache on or off.
 */
@Tag("slow")
class AnswerJournalGenerateTest {
    private static final List<String> LABELS = List.of("billing", "refund_request");
    private static final int EXAMPLES = 6;

    @ParameterizedTest(name = "teacher_cache: {0}")
    @ValueSource(strings = {"on", "off"})
    void answersJournaledByAKilledRunAreTakenFromTheJournalNotBoughtAgain(String cache) throws Exception {
        SparkSession spark = SharedSpark.session();
        Path data = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "journal-");
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < EXAMPLES; i++) {
            texts.add("question number " + i + " about my invoice");
        }
        List<String> lines = texts.stream().map(t -> "{\"text\": \"" + t + "\", \"label\": \"billing\"}").toList();
        Files.write(data.resolve("train.jsonl"), lines.subList(0, 4));
        Files.write(data.resolve("test.jsonl"), lines.subList(4, EXAMPLES));

        try (FakeChatServer server = FakeChatServer.start(null, Answerer.fixed("refund_request"))) {
            JobConfig config = ConfigLoader.parse("""
                    name: journal
                    task: classification
                    labels: [billing, refund_request]
                    data: {train: %s, test: %s}
                    teacher:
                      kind: api
                      endpoint: {provider: generic, base_url: %s, model: teacher}
                    output: {dir: %s, teacher_cache: %s}
                    """.formatted(data.resolve("train.jsonl"), data.resolve("test.jsonl"), server.baseUrl(),
                    data.resolve("runs"), cache.equals("on") ? data.resolve("cache") : "off"), "journal.yaml");
            RunLayout layout = RunLayout.of(config);
            ApiGeneration api = new ApiGeneration(RunContext.create(config, spark));
            List<String> keys = texts.stream().map(t -> PromptKey.of(api.teacherFingerprint(),
                    api.template().version(), api.template().render(Map.of("text", t), LABELS))).toList();
            String torn = entry(api, keys.get(2));
            Path killed = Path.of(layout.answerJournal(), "journal-20261205T000000Z-0000-slice-0");
            Files.createDirectories(killed);
            Files.writeString(killed.resolve("part-00000-1-7.jsonl"), entry(api, keys.get(0)) + entry(api, keys.get(1))
                    + torn.substring(0, torn.length() / 2));

            GenerateSummary summary = new GenerateJob(RunContext.create(config, spark)).run();

            assertEquals(EXAMPLES - 2, server.requestCount(), "the two whole journal entries were not bought again");
            for (int i = 0; i < EXAMPLES; i++) {
                assertEquals(i < 2 ? 0 : 1, server.attemptsContaining(texts.get(i)), "example " + i);
            }
            assertEquals(EXAMPLES - 2, summary.teacherCalls());
            assertEquals(2, summary.answersReused());
            Map<String, Row> rows = spark.read().parquet(layout.synthetic()).collectAsList().stream()
                    .collect(Collectors.toMap(r -> r.<String>getAs("prompt_key"), r -> r));
            assertEquals(EXAMPLES, rows.size());
            for (int i = 0; i < EXAMPLES; i++) {
                Row row = rows.get(keys.get(i));
                assertEquals(i < 2 ? "billing" : "refund_request", row.getAs("teacher_label"), "example " + i);
                assertEquals(i < 2 ? "cache" : "teacher", row.getAs("answer_source"), "example " + i);
            }
            assertFalse(Files.exists(killed), "the recovered journal is removed once its answers are kept");
            try (var left = Files.list(Path.of(layout.answerJournal()))) {
                assertEquals(0, left.count(), "and so are this run's slices");
            }
            if (cache.equals("on")) {
                List<Row> kept = spark.read().parquet(data.resolve("cache").toString()).collectAsList();
                assertEquals(EXAMPLES, kept.stream().map(r -> r.<String>getAs("prompt_key")).distinct().count(),
                        "the journaled answers joined the answer cache");
            }
        }
    }

    /** The journal line of an answer "billing" to the prompt {@code key}. */
    private static String entry(ApiGeneration api, String key) {
        ChatResponse billing = new ChatResponse(List.of(new ChatResponse.Choice(0, "billing", null, null, "stop",
                0, List.of())), new ChatResponse.Usage(20, 1, 21), "teacher", "chatcmpl-journal");
        return new JournalEntry(key, api.teacherFingerprint(), api.template().version(),
                ResponseJson.write(billing), 20, 1).toLine();
    }
}
