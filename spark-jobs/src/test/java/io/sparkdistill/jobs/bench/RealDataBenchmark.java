package io.sparkdistill.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.jobs.RunLayout;
import io.sparkdistill.jobs.evaluate.EvaluateJob;
import io.sparkdistill.jobs.generate.GenerateJob;
import io.sparkdistill.jobs.store.GenerateSummary;
import io.sparkdistill.jobs.store.TrainSummary;
import io.sparkdistill.jobs.train.TrainJob;
import io.sparkdistill.student.StudentMetadata;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A benchmark, not a test (surefire's includes do not match {@code *Benchmark}): the distillation benchmark of issues 6
 * and 13 on the public data sets fetched by {@code bench/real-data/fetch}, run with the pipeline's own jobs.
 * <ol>
 *   <li>Every data set runs the one job of {@code conf/real-data-recipe.yaml} ({@link RealDataRecipe}): only its
 *   name, labels, files, seed and run folder change, so nothing is tuned for one data set. Per data set and seed: the
 *   offline teacher's head fitted on a seeded 10% of the training split's gold labels, the distilled student trained
 *   on the teacher's soft labels over the whole training split, the baseline on the labelled 10% alone; all evaluated
 *   on the test split.</li>
 *   <li>Costs: generation rows/s and training examples/s on one and on two local executor threads, and the training
 *   FLOP rate as a share of the dense matrix-multiply peak measured with ND4J in the same JVM.</li>
 * </ol>
 * Run from the repository root: {@code bench/run} ({@code bench/run --quick} for a small version). The tables go to
 * {@code spark-jobs/target/bench/real-data.md} and, in a full run, into {@code BENCHMARKS.md}.
 */
class RealDataBenchmark {
    static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();
    private static final Path DATA = PROJECT.resolve("bench/real-data/data");
    private static final Path DIR = Path.of("target", "bench", "real-data").toAbsolutePath();
    private static final boolean QUICK = Boolean.getBoolean("bench.quick");
    private static final List<Long> SEEDS = longs(System.getProperty("bench.seeds", QUICK ? "1" : "1,2,3"));
    private static final List<String> DATA_SETS = Arrays.stream(System.getProperty("bench.dataSets",
            "spam-assassin,fortunes,debian-sections,sotu").split(",")).map(String::strip).toList();
    /** Quick mode cuts every split to this many rows; 0 keeps them whole. */
    private static final int MAX_ROWS = Integer.getInteger("bench.maxRows", QUICK ? 400 : 0);
    private static final int COST_ROWS = Integer.getInteger("bench.costRows", QUICK ? 100 : 500);
    /** {@code -Dbench.costs=false} leaves the costs out (a quality-only run, or one resumed after them). */
    private static final boolean COSTS = !"false".equals(System.getProperty("bench.costs"));
    /** Keeps the seeds' run folders of an earlier, interrupted run: a seed whose metrics.json exists is not rerun. */
    private static final boolean RESUME = Boolean.getBoolean("bench.resume");
    /**
     * Settings on top of the recipe, the same for every data set: quick mode's 3 epochs, then {@code -Dbench.set}
     * ({@code key=value} pairs as {@code --set} takes them, separated by {@code ;}) to try a change before making it
     * in the recipe.
     */
    private static final List<String> SETTINGS = settings();
    private static final RealDataRecipe RECIPE = new RealDataRecipe(RealDataRecipe.SHIPPED, SETTINGS);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One data set's generate, train and evaluate under one seed. */
    /** @param train the run's train-summary.json: the automatic recipe's choice under {@code search} */
    record Run(String dataSet, long seed, JsonNode metrics, JsonNode train) {
        double score(String model, String key) {
            return metrics.at("/models/" + model + "/scores/" + key).asDouble();
        }

        double model(String model, String pointer) {
            return metrics.at("/models/" + model + pointer).asDouble();
        }

        double comparison(String key) {
            return metrics.at("/comparison/" + key).asDouble();
        }
    }

    record Costs(double generateRowsPerSecond1, double generateRowsPerSecond2, double trainExamplesPerSecond1,
                 double trainExamplesPerSecond2, long multiplyAddsPerExample, double peakFlops, int generateRows,
                 String dataSet, int trainExamples) {
        double trainingFlops(double examplesPerSecond) {
            // Forward 2 FLOPs per multiply-add, backward twice the forward: the usual 6 x multiply-adds per example.
            return 6.0 * multiplyAddsPerExample * examplesPerSecond;
        }
    }

    @Test
    void distillOnRealData() throws Exception {
        for (String dataSet : DATA_SETS) {
            if (!Files.exists(DATA.resolve(dataSet).resolve("train.jsonl"))) {
                throw new IllegalStateException("no data in " + DATA.resolve(dataSet) + "; run bench/real-data/fetch");
            }
        }
        if (!RESUME) {
            deleteRecursively(DIR);
        }
        Files.createDirectories(DIR);
        long start = System.nanoTime();
        List<Run> runs = new ArrayList<>();
        Costs costs = null;
        // The first seed of every data set, then the costs (timed on the first data set's first run), then the other
        // seeds. The tables are rewritten after every step, so a run stopped part way leaves what it measured.
        SparkSession spark = session("local[2]");
        for (String dataSet : DATA_SETS) {
            runs.add(pipeline(spark, dataSet, SEEDS.get(0)));
            publish(runs, costs, start);
        }
        spark.stop();
        if (COSTS) {
            costs = costs();
            publish(runs, costs, start);
        }
        spark = session("local[2]");
        for (String dataSet : DATA_SETS) {
            for (long seed : SEEDS.subList(1, SEEDS.size())) {
                runs.add(pipeline(spark, dataSet, seed));
                publish(runs, costs, start);
            }
        }
        spark.stop();
        System.out.println(publish(runs, costs, start));
    }

    /** Writes the tables so far to target/bench/real-data.md and, in a full run, into BENCHMARKS.md. */
    private static String publish(List<Run> runs, Costs costs, long start) throws IOException {
        double minutes = (System.nanoTime() - start) / 60e9;
        JobConfig first = job(RECIPE, DATA_SETS.get(0), SEEDS.get(0), DIR.resolve("runs"), "recipe",
                DATA.resolve(DATA_SETS.get(0)));
        String markdown = BenchmarkTables.render(runs, costs, minutes, QUICK, first, SETTINGS, MAX_ROWS);
        Files.writeString(DIR.getParent().resolve("real-data.md"), markdown);
        if (!QUICK || Boolean.getBoolean("bench.writeBenchmarks")) {
            BenchmarkTables.replaceSection(PROJECT.resolve("BENCHMARKS.md"), markdown);
            BenchmarkTables.writeCharts(PROJECT.resolve("bench/results"), runs);
        }
        return markdown;
    }

    /** generate, train and evaluate one data set under one seed, in a run folder of its own. */
    private static Run pipeline(SparkSession spark, String dataSet, long seed) throws IOException {
        JobConfig config = job(dataSet, seed, DIR.resolve("runs"), dataSet + "-seed" + seed, MAX_ROWS);
        Path metrics = Path.of(RunLayout.of(config).metrics());
        if (RESUME && Files.exists(metrics)) {
            System.out.printf(Locale.ROOT, "[bench] %s seed %d: kept from the earlier run%n", dataSet, seed);
            return read(dataSet, seed, config);
        }
        RunContext run = RunContext.create(config, spark);
        long start = System.nanoTime();
        new GenerateJob(run).run();
        new TrainJob(run).run();
        new EvaluateJob(run).run();
        Run result = read(dataSet, seed, config);
        System.out.printf(Locale.ROOT, "[bench] %s seed %d: macro-F1 teacher %.3f, baseline %.3f, distilled %.3f "
                        + "(%.0f s)%n", dataSet, seed, result.score("teacher", "macro_f1"),
                result.score("baseline", "macro_f1"), result.score("distilled", "macro_f1"),
                (System.nanoTime() - start) / 1e9);
        return result;
    }

    private static Run read(String dataSet, long seed, JobConfig config) throws IOException {
        RunLayout layout = RunLayout.of(config);
        return new Run(dataSet, seed, JSON.readTree(Path.of(layout.metrics()).toFile()),
                JSON.readTree(Path.of(layout.trainSummary()).toFile()));
    }

    /**
     * Generation rows/s and training examples/s on one, then two local executor threads (a fresh session each),
     * and the dense GEMM peak in this JVM, on the first data set: generation on its first {@code COST_ROWS} rows per
     * split, training (3 epochs, no early stopping) on a copy of its first seed's generated data.
     */
    private static Costs costs() throws Exception {
        String dataSet = DATA_SETS.get(0);
        long seed = SEEDS.get(0);
        RealDataRecipe threeEpochs = new RealDataRecipe(RealDataRecipe.SHIPPED, concat(concat(SETTINGS,
                List.of("hyperparameters.num_epochs=3", "hyperparameters.early_stopping_patience=0")),
                chosenStudent(DIR.resolve("runs").resolve(dataSet + "-seed" + seed))));
        double[] generate = new double[2];
        double[] train = new double[2];
        long multiplyAdds = 0;
        int trainExamples = 0;
        for (int threads = 1; threads <= 2; threads++) {
            SparkSession spark = session("local[" + threads + "]");
            try {
                JobConfig gen = job(RECIPE, dataSet, seed, DIR.resolve("costs"), "generate-local" + threads,
                        data(dataSet, COST_ROWS));
                GenerateSummary g = new GenerateJob(RunContext.create(gen, spark)).run();
                generate[threads - 1] = g.generated() / g.seconds();

                Path trainRun = DIR.resolve("costs").resolve("train-local" + threads);
                copyGenerated(DIR.resolve("runs").resolve(dataSet + "-seed" + seed), trainRun);
                JobConfig tr = job(threeEpochs, dataSet, seed, DIR.resolve("costs"), "train-local" + threads,
                        data(dataSet, MAX_ROWS));
                TrainSummary t = new TrainJob(RunContext.create(tr, spark)).run();
                TrainSummary.StudentRun distilled = t.students().get(RunLayout.DISTILLED);
                double fitSeconds = distilled.epochs().stream().mapToDouble(TrainSummary.Epoch::seconds).sum();
                train[threads - 1] = distilled.trainingExamples() * distilled.epochsRun() / fitSeconds;
                trainExamples = (int) distilled.trainingExamples();
                StudentMetadata student = StudentMetadata.read(Path.of(RunLayout.of(tr).model(RunLayout.DISTILLED),
                        StudentMetadata.FILE_NAME));
                multiplyAdds = multiplyAddsPerExample(student);
                System.out.printf(Locale.ROOT, "[bench] local[%d]: generate %.1f rows/s, train %.0f examples/s (%s)%n",
                        threads, generate[threads - 1], train[threads - 1], student.describe());
            } finally {
                spark.stop();
            }
        }
        double peak = MatmulPeak.flopsPerSecond(2048, 5);
        System.out.printf(Locale.ROOT, "[bench] dense GEMM peak %.1f GFLOP/s%n", peak / 1e9);
        return new Costs(generate[0], generate[1], train[0], train[1], multiplyAdds, peak, COST_ROWS, dataSet,
                trainExamples);
    }

    /**
     * Training is timed for one student, not for a search: the student the automatic recipe chose in that run (none
     * to fix when the recipe does not search).
     */
    private static List<String> chosenStudent(Path run) throws IOException {
        JsonNode search = JSON.readTree(run.resolve("train-summary.json").toFile()).path("search");
        for (JsonNode c : search.path("candidates")) {
            if (c.path("name").asText().equals(search.path("winner").asText())) {
                JsonNode chosen = c.path("candidate");
                return List.of("search.enabled=false",
                        "student.architecture=" + chosen.path("architecture").asText(),
                        "hyperparameters.temperature=" + chosen.path("temperature").asDouble(),
                        "hyperparameters.alpha=" + chosen.path("alpha").asDouble(),
                        "hyperparameters.class_weighting=" + chosen.path("class_weighting").asText());
            }
        }
        return List.of();
    }

    /**
     * Multiply-adds of one example's forward pass. The fastText student multiplies a dense bucket vector by its whole
     * embedding matrix; the cnn's embedding is a lookup, and its cost is the convolution at every word position plus
     * the output layer; the bilstm's, both directions' gates at every word position plus the output layer.
     */
    static long multiplyAddsPerExample(StudentMetadata student) {
        long labels = student.labels().size();
        if (student.isCnn()) {
            return (long) student.maxTokens() * student.kernel() * student.dimension() * student.filters()
                    + student.filters() * labels;
        }
        if (student.isBilstm()) {
            // Each direction's four gates at every word: input (d) and recurrent (d) weights for 4d units.
            long d = student.dimension();
            return 2L * student.maxTokens() * (d * 4 * d + d * 4 * d) + 2 * d * labels;
        }
        return (long) student.buckets() * student.dimension() + student.dimension() * labels;
    }

    private static SparkSession session(String master) {
        return SparkSession.builder()
                .master(master)
                .appName("spark-distill real-data benchmark")
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.scheduler.mode", "FAIR")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.kryo.registrator", "org.nd4j.kryo.Nd4jRegistrator")
                .config("spark.hadoop.hadoop.tmp.dir", System.getProperty("java.io.tmpdir"))
                .getOrCreate();
    }

    /** The recipe's job on one data set, its splits cut to {@code maxRows} rows when that is above 0. */
    private static JobConfig job(String dataSet, long seed, Path outputDir, String runName, int maxRows)
            throws IOException {
        return job(RECIPE, dataSet, seed, outputDir, runName, data(dataSet, maxRows));
    }

    /** The data set's labels are those of its training split, in the manifest's (sorted) order. */
    private static JobConfig job(RealDataRecipe recipe, String dataSet, long seed, Path outputDir, String runName,
                                 Path data) throws IOException {
        JsonNode manifest = JSON.readTree(DATA.resolve(dataSet).resolve("manifest.json").toFile());
        List<String> labels = new ArrayList<>();
        manifest.at("/splits/train/per_label").fieldNames().forEachRemaining(labels::add);
        return recipe.job(new RealDataRecipe.DataSet(dataSet, labels, data), seed, outputDir, runName);
    }

    /** The data set's folder, or a copy of its first {@code maxRows} rows per split under the benchmark folder. */
    private static Path data(String dataSet, int maxRows) throws IOException {
        if (maxRows <= 0) {
            return DATA.resolve(dataSet);
        }
        Path copy = DIR.resolve("data").resolve(dataSet + "-" + maxRows);
        Files.createDirectories(copy);
        for (String split : List.of("train", "validation", "test")) {
            List<String> lines = Files.readAllLines(DATA.resolve(dataSet).resolve(split + ".jsonl"));
            Files.write(copy.resolve(split + ".jsonl"), lines.subList(0, Math.min(maxRows, lines.size())));
        }
        return copy;
    }

    /** What a train stage needs from a generated run folder: the synthetic data, the teacher and its summary. */
    private static void copyGenerated(Path source, Path target) throws IOException {
        deleteRecursively(target);
        Files.createDirectories(target);
        for (String part : List.of("synthetic", "teacher", "generate-summary.json", "quarantine")) {
            Path from = source.resolve(part);
            if (!Files.exists(from)) {
                continue;
            }
            try (var paths = Files.walk(from)) {
                for (Path p : paths.toList()) {
                    Path to = target.resolve(source.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(p, to);
                    }
                }
            }
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static List<Long> longs(String csv) {
        return Arrays.stream(csv.split(",")).map(String::strip).map(Long::parseLong).toList();
    }

    private static List<String> settings() {
        List<String> settings = new ArrayList<>(QUICK ? List.of("hyperparameters.num_epochs=3") : List.of());
        Arrays.stream(System.getProperty("bench.set", "").split(";")).map(String::strip).filter(s -> !s.isEmpty())
                .forEach(settings::add);
        return List.copyOf(settings);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }
}
