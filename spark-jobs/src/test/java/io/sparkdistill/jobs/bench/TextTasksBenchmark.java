package io.sparkdistill.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdistill.config.ConfigLoader;
import io.sparkdistill.config.ConfigOverrides;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.jobs.RunLayout;
import io.sparkdistill.jobs.SharedSpark;
import io.sparkdistill.jobs.evaluate.EvaluateJob;
import io.sparkdistill.jobs.generate.GenerateJob;
import io.sparkdistill.jobs.teacher.FakeChatServer;
import io.sparkdistill.jobs.teacher.KnowingTeacher;
import io.sparkdistill.jobs.train.TrainJob;
import io.sparkdistill.student.text.StudentCard;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A benchmark, not a test (surefire's default includes do not match {@code *Benchmark}): each text task's sample
 * through the whole pipeline with its shipped config (conf/&lt;task&gt;.yaml, students at their shipped sizes), the
 * teacher being {@link KnowingTeacher} on loopback: it answers with the gold references, standing in for a strong
 * model that cannot run here, so its quality is the top of each scale and its latency is the loopback server's, not a
 * real model's. What the figures show is how much of the teacher's answers the students learn to write, and how fast
 * they write them; each row names the student family (the saved student's {@code student.json}) and the trivial
 * baseline the pipeline scored beside it (metrics.json {@code trivial_baseline}).
 *
 * <p>Run from the repository root: {@code bench/text-tasks} (options: {@code -Dbench.tasks=qa,math},
 * {@code -Dbench.epochs=N}). The table goes to {@code spark-jobs/target/bench/text-tasks.md}.
 */
class TextTasksBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();
    /** The family that writes token by token: the only one with a beam and a per-token latency worth a column. */
    private static final String LSTM = "lstm";

    /** One task's run: the distilled student's family and what metrics.json says. */
    private record TaskRun(String task, String family, int beam, JsonNode metrics, double trainMinutes) {
        boolean lstm() {
            return LSTM.equals(family);
        }
    }

    @Test
    void everyTextTaskWithItsShippedConfig() throws Exception {
        List<String> tasks = List.of(System.getProperty("bench.tasks", "qa,summarisation,conversation,math")
                .split(","));
        List<TaskRun> runs = new ArrayList<>();
        String table = "";
        for (String task : tasks) {
            runs.add(run(task.strip()));
            table = table(runs);
            Path out = PROJECT.resolve("spark-jobs/target/bench/text-tasks.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, table);
        }
        System.out.println(table);
    }

    /**
     * One row per task; the per-token latency and the beam only when a task's student is the LSTM, the one family
     * that writes its answers token by token (the others point, select or run a program in one step).
     */
    private static String table(List<TaskRun> runs) {
        boolean anyLstm = runs.stream().anyMatch(TaskRun::lstm);
        List<String> rows = new ArrayList<>();
        rows.add("| task | student | metric | teacher | baseline | distilled | trivial baseline | retained "
                + "| distilled agreement with teacher | student p50 per example"
                + (anyLstm ? " | student p50 per token | beam" : "") + " | student params | train (both) |");
        rows.add("| --- | --- | --- |" + " ---: |".repeat(anyLstm ? 11 : 9));
        for (TaskRun r : runs) {
            JsonNode m = r.metrics();
            String primary = m.at("/quality_metrics/primary").asText();
            JsonNode distilled = m.at("/models/distilled");
            JsonNode trivial = m.at("/trivial_baseline/quality/" + primary);
            String lstmCells = !anyLstm ? "" : !r.lstm() ? " – | – |" : String.format(Locale.ROOT,
                    " %.2f ms | %d |", distilled.at("/latency_per_token/p50_ms").asDouble(), r.beam());
            rows.add(String.format(Locale.ROOT,
                    "| %s | %s | %s | %.2f | %.2f | %.2f | %s | %.1f%% | %.2f | %.2f ms |%s %,d | %.1f min |",
                    r.task(), r.family(), primary, m.at("/models/teacher/quality/" + primary).asDouble(),
                    m.at("/models/baseline/quality/" + primary).asDouble(),
                    distilled.at("/quality/" + primary).asDouble(),
                    trivial.isNumber() ? String.format(Locale.ROOT, "%.2f", trivial.asDouble()) : "–",
                    m.at("/comparison/retained_percent").asDouble(), distilled.at("/agreement/" + primary)
                            .asDouble(), distilled.at("/latency/p50_ms").asDouble(), lstmCells,
                    distilled.get("parameter_count").asLong(), r.trainMinutes()));
        }
        return String.join("\n", rows) + "\n";
    }

    private static TaskRun run(String task) throws Exception {
        Path data = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), task + "-bench-");
        for (String split : List.of("train", "validation", "test")) {
            Files.copy(PROJECT.resolve("data-samples/" + task + "/" + split + ".jsonl"),
                    data.resolve(split + ".jsonl"));
        }
        String yaml = Files.readString(PROJECT.resolve("conf/" + task + ".yaml"))
                .replaceAll("\\.\\./data-samples/[a-z-]+/", data.toString() + "/")
                .replace("dir: ../runs", "dir: " + data.resolve("runs"));
        try (FakeChatServer server = FakeChatServer.start(null, KnowingTeacher.of(task, data))) {
            List<String> overrides = new ArrayList<>(List.of("teacher.endpoint.base_url=" + server.baseUrl(),
                    "teacher.requests_per_minute="));
            if (System.getProperty("bench.epochs") != null) {
                overrides.add("hyperparameters.num_epochs=" + System.getProperty("bench.epochs"));
            }
            JobConfig config = ConfigLoader.parse(yaml, task + ".yaml", ConfigOverrides.of(Map.of(), overrides));
            RunContext run = RunContext.create(config, SharedSpark.session());
            long generated = new GenerateJob(run).run().generated();
            assertEquals(true, generated > 0, "the teacher answered");
            long start = System.nanoTime();
            new TrainJob(run).run();
            double trainMinutes = (System.nanoTime() - start) / 60e9;
            new EvaluateJob(run).run();
            JsonNode m = JSON.readTree(Files.readString(Path.of(run.layout().metrics())));
            String family = StudentCard.read(Path.of(run.layout().model(RunLayout.DISTILLED))).family();
            TaskRun result = new TaskRun(task, family, config.student().generative().effectiveBeamWidth(), m,
                    trainMinutes);
            System.out.println("[bench] " + task + " (" + family + "): " + table(List.of(result)).lines()
                    .skip(2).findFirst().orElse("") + " (all metrics: " + m.at("/models") + ", trivial baseline: "
                    + m.at("/trivial_baseline") + ")");
            return result;
        }
    }
}
