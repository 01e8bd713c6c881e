package io.sparkdistill.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.ingest.TaskType;
import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.jobs.RunLayout;
import io.sparkdistill.jobs.SharedSpark;
import io.sparkdistill.jobs.evaluate.EvaluateJob;
import io.sparkdistill.jobs.generate.GenerateJob;
import io.sparkdistill.jobs.store.GenerateSummary;
import io.sparkdistill.jobs.store.TrainSummary;
import io.sparkdistill.jobs.teacher.FakeChatServer;
import io.sparkdistill.jobs.teacher.KnowingTeacher;
import io.sparkdistill.jobs.train.TrainJob;
import io.sparkdistill.student.text.StudentCard;
import io.sparkdistill.task.TaskStrategies;
import io.sparkdistill.task.TextTask;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A benchmark, not a test (surefire's default includes do not match {@code *Benchmark}): the text-task students of
 * issue 12 on the real data sets that {@code bench/real-data/fetch-text} prepares (Debian package descriptions for
 * summarisation, WordNet sense questions for extractive qa), through the pipeline's own generate, train and evaluate
 * stages with the task's shipped config and default student, under several seeds; the LSTM family once beside them;
 * and the trivial baselines the issue names, scored with the task's own metrics.
 *
 * <p>No LLM runs here, so the teacher is {@link KnowingTeacher} on loopback: it answers with the data set's
 * reference, standing in for a strong model. Its quality is the top of each scale and its latency the loopback
 * server's; the figures show how much of the teacher's answers each student learns, and how fast it answers.
 *
 * <p>Run from the repository root: {@code bench/text-real-data} (options: {@code -Dbench.sets=debian-descriptions},
 * {@code -Dbench.seeds=1,2,3}, {@code -Dbench.lstm=false}, {@code -Dbench.rows=N} to cut the training split to its
 * first N rows, {@code -Dbench.lstmEpochs=N}). The tables go to {@code spark-jobs/target/bench/text-real-data.md},
 * the runs (each with the job.yaml it ran) to {@code spark-jobs/target/bench/text-real-data/runs/}.
 */
class TextRealDataBenchmark {
    private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();
    private static final Path DATA = PROJECT.resolve("bench/real-data/data-text");
    private static final Path DIR = Path.of("target", "bench", "text-real-data").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SETS = List.of(System.getProperty("bench.sets",
            "debian-descriptions,wordnet-senses").split(","));
    private static final List<Long> SEEDS = Arrays.stream(System.getProperty("bench.seeds", "1,2,3").split(","))
            .map(s -> Long.parseLong(s.strip())).toList();
    private static final boolean LSTM = Boolean.parseBoolean(System.getProperty("bench.lstm", "true"));
    /** The training split is cut to its first this many rows; 0 keeps it whole. */
    private static final int ROWS = Integer.getInteger("bench.rows", 0);
    private static final int LSTM_EPOCHS = Integer.getInteger("bench.lstmEpochs", 3);
    /**
     * The LSTM's settings: smaller than the shipped ones and greedy, since it answers token by token (about 100 ms
     * an example at the shipped sizes) and every epoch answers the whole validation split; one seed only.
     */
    static final Map<String, Object> LSTM_SETTINGS = lstmSettings();

    @Test
    void textStudentsOnRealData() throws Exception {
        for (String set : SETS) {
            if (!Files.exists(DATA.resolve(set.strip()).resolve("manifest.json"))) {
                throw new IllegalStateException("no data in " + DATA.resolve(set.strip())
                        + "; run bench/real-data/fetch-text");
            }
        }
        deleteRecursively(DIR);
        Files.createDirectories(DIR);
        long start = System.nanoTime();
        List<TextRealDataTables.DataSet> done = new ArrayList<>();
        for (String set : SETS.stream().map(String::strip).toList()) {
            JsonNode manifest = JSON.readTree(DATA.resolve(set).resolve("manifest.json").toFile());
            String task = manifest.get("task").asText();
            TextTask strategy = TaskStrategies.text(TaskType.fromConfigName(task));
            Path data = data(set);
            var others = OtherTrivialBaselines.score(strategy, data, 0);
            List<TextRun> runs = new ArrayList<>();
            TextRun lstm = null;
            try (FakeChatServer server = FakeChatServer.builder().answerer(KnowingTeacher.of(task, data))
                    .threads(48).start()) {
                for (long seed : SEEDS) {
                    runs.add(run(set, task, data, server, seed, "", Map.of()));
                    publish(done, new TextRealDataTables.DataSet(set, task, manifest, runs, null, others), start);
                }
                if (LSTM) {
                    lstm = run(set, task, data, server, SEEDS.get(0), "-lstm", LSTM_SETTINGS);
                }
            }
            done.add(new TextRealDataTables.DataSet(set, task, manifest, runs, lstm, others));
            publish(done, null, start);
        }
        System.out.println(publish(done, null, start));
    }

    /** Generate, train and evaluate one data set under one seed in a run folder of its own. */
    private static TextRun run(String set, String task, Path data, FakeChatServer server, long seed, String suffix,
                               Map<String, Object> studentSettings) throws IOException {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("teacher.endpoint.base_url", server.baseUrl());
        settings.put("teacher.endpoint.max_in_flight", 32);
        settings.put("teacher.requests_per_minute", null);
        settings.put("hyperparameters.seed", seed);
        settings.putAll(studentSettings);
        String name = set + suffix + "-seed" + seed;
        JobConfig config = TextBenchJob.write(PROJECT.resolve("conf/" + task + ".yaml"), data, DIR.resolve("runs"),
                name, settings);
        RunContext run = RunContext.create(config, SharedSpark.session());
        long start = System.nanoTime();
        GenerateSummary generated = new GenerateJob(run).run();
        TrainSummary trained = new TrainJob(run).run();
        new EvaluateJob(run).run();
        double minutes = (System.nanoTime() - start) / 60e9;
        String family = StudentCard.read(Path.of(run.layout().model(RunLayout.DISTILLED))).family();
        TextRun result = new TextRun(set, seed, family, JSON.readTree(Path.of(run.layout().metrics()).toFile()),
                generated, trained, minutes);
        String primary = result.primary();
        System.out.printf(Locale.ROOT, "[bench] %s (%s, seed %d): %s teacher %.3f, baseline %.3f, distilled %.3f, "
                        + "trivial %.3f; distilled p50 %.3f ms; %.1f min%n", set, family, seed, primary,
                result.quality("teacher").get(primary), result.quality("baseline").get(primary),
                result.quality("distilled").get(primary), result.trivialQuality().getOrDefault(primary, Double.NaN),
                result.latencyP50Ms("distilled"), minutes);
        return result;
    }

    /** Writes the tables so far (with {@code current}, the data set under way, when not null). */
    private static String publish(List<TextRealDataTables.DataSet> done, TextRealDataTables.DataSet current,
                                  long start) throws IOException {
        List<TextRealDataTables.DataSet> all = new ArrayList<>(done);
        if (current != null) {
            all.add(current);
        }
        String markdown = TextRealDataTables.render(all, SEEDS, ROWS, LSTM_SETTINGS,
                (System.nanoTime() - start) / 60e9);
        Files.writeString(DIR.getParent().resolve("text-real-data.md"), markdown);
        return markdown;
    }

    /** The data set's folder, or a copy with its training split cut to its first {@link #ROWS} rows. */
    private static Path data(String set) throws IOException {
        if (ROWS <= 0) {
            return DATA.resolve(set);
        }
        Path copy = DIR.resolve("data").resolve(set + "-" + ROWS);
        Files.createDirectories(copy);
        for (String split : List.of("train", "validation", "test")) {
            List<String> lines = Files.readAllLines(DATA.resolve(set).resolve(split + ".jsonl"));
            Files.write(copy.resolve(split + ".jsonl"), split.equals("train")
                    ? lines.subList(0, Math.min(ROWS, lines.size())) : lines);
        }
        return copy;
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (var paths = Files.walk(folder)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static Map<String, Object> lstmSettings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("student.architecture", "lstm");
        s.put("student.generative.vocab_size", 500);
        s.put("student.generative.embedding", 32);
        s.put("student.generative.hidden", 64);
        s.put("student.generative.max_prompt_tokens", 128);
        s.put("student.generative.max_answer_tokens", 32);
        s.put("student.generative.decoding", "greedy");
        s.put("hyperparameters.num_epochs", LSTM_EPOCHS);
        return s;
    }
}
