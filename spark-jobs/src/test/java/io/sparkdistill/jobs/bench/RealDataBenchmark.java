package io.sparkdistill.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdistill.config.ConfigLoader;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A benchmark, not a test (surefire's includes do not match {@code *Benchmark}): the distillation benchmark of issue 6
 * on two public data sets fetched by {@code bench/real-data/fetch}, run with the pipeline's own jobs.
 * <ol>
 *   <li>Per data set and seed: the offline teacher's head fitted on a seeded 10% of the training split's gold labels
 *   ({@code data.labelled_fraction}), the distilled student trained on the teacher's soft labels over the whole
 *   training split, the baseline on the labelled 10% alone; all evaluated on the test split.</li>
 *   <li>A temperature x alpha sweep on the first seed's generated data, the train stages run as concurrent Spark jobs
 *   in one session (FAIR scheduling); the winner is picked on the validation split only, then evaluated.</li>
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
    private static final List<String> DATA_SETS = Arrays.asList(System.getProperty("bench.dataSets",
            "spam-assassin,fortunes").split(","));
    private static final String SWEEP_DATA_SET = System.getProperty("bench.sweepDataSet", "fortunes");
    private static final List<Double> TEMPERATURES = doubles(System.getProperty("bench.temperatures",
            QUICK ? "1,4" : "1,2,4"));
    private static final List<Double> ALPHAS = doubles(System.getProperty("bench.alphas", QUICK ? "0.1,0.5" : "0.1,0.3,0.6"));
    private static final double LABELLED_FRACTION = Double.parseDouble(System.getProperty("bench.labelledFraction", "0.1"));
    /** Quick mode cuts every split to this many rows; 0 keeps them whole. */
    private static final int MAX_ROWS = Integer.getInteger("bench.maxRows", QUICK ? 400 : 0);
    private static final int EPOCHS = Integer.getInteger("bench.epochs", QUICK ? 3 : 10);
    /**
     * Epochs per data set ({@code -Dbench.epochs.<data set>}), with early stopping on validation accuracy deciding
     * within them: fortunes has few examples, so ten epochs are too few optimiser steps (its students' validation
     * accuracy was still rising at epoch 10 in the first full run).
     */
    private static int epochs(String dataSet) {
        return Integer.getInteger("bench.epochs." + dataSet, QUICK ? EPOCHS : dataSet.equals("fortunes") ? 30 : EPOCHS);
    }

    private static int patience(String dataSet) {
        return epochs(dataSet) > 10 ? 5 : epochs(dataSet) > 3 ? 3 : 0;
    }
    private static final int COST_ROWS = Integer.getInteger("bench.costRows", QUICK ? 100 : 500);
    /** Keeps the seeds' run folders of an earlier, interrupted run: a seed whose metrics.json exists is not rerun. */
    private static final boolean RESUME = Boolean.getBoolean("bench.resume");
    /** Epochs of the sweep's students; by default those of the data set's seed runs. */
    private static final Integer SWEEP_EPOCHS = Integer.getInteger("bench.sweepEpochs");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The conf defaults: what the first seed of every data set trains at, and every seed outside the sweep. */
    static final double DEFAULT_TEMPERATURE = 2.0;
    static final double DEFAULT_ALPHA = 0.3;
    /**
     * The student block of every job ({@code -Dbench.student}, a YAML flow mapping, to try another): the cnn with the
     * teacher's word vectors, 6,000 words (about fortunes' whole training vocabulary) and float16 weights, so that
     * it is at least 20x smaller on disk than the int8 teacher on both data sets.
     */
    private static final String STUDENT = System.getProperty("bench.student",
            "{architecture: cnn, init_from_teacher: true, vocabulary: 6000, precision: float16}");
    /** Perturbed copies per training example (Tang et al. 2019's augmentation) on the short-text data set only. */
    private static final int AUGMENTATION_COPIES = Integer.getInteger("bench.augmentationCopies", 4);

    /** Augmentation pays where texts are short and few (fortunes); on long mails it would multiply the teacher's work. */
    private static String augmentation(String dataSet, long seed) {
        return dataSet.equals("fortunes") && AUGMENTATION_COPIES > 0
                ? "augmentation: {copies: " + AUGMENTATION_COPIES + ", seed: " + seed + "}" : "";
    }

    /** One data set's generate, train and evaluate under one seed, with the temperature and alpha it trained at. */
    record Run(String dataSet, long seed, double temperature, double alpha, JsonNode metrics) {
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

    record SweepPoint(double temperature, double alpha, double validationAccuracy, int bestEpoch) {
    }

    /** The grid's points, the winner and its evaluated run, and the same seed's run at the conf defaults. */
    record Sweep(String dataSet, List<SweepPoint> points, SweepPoint winner, Run winnerRun, Run defaultsRun,
                 double seconds, double sequentialSeconds, int epochs) {
    }

    record Costs(double generateRowsPerSecond1, double generateRowsPerSecond2, double trainExamplesPerSecond1,
                 double trainExamplesPerSecond2, long multiplyAddsPerExample, double peakFlops, int generateRows,
                 String trainDataSet, int trainExamples) {
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
        Sweep sweep = null;
        Costs costs = null;
        // First seed of every data set at the conf defaults (the sweep's data set first), then the sweep on that seed
        // and the costs, then the other seeds: the sweep's data set at the sweep's winner, picked on the validation
        // split, the others at the defaults. The tables are rewritten after every step, so a run stopped part way
        // leaves what it measured.
        List<String> order = new ArrayList<>(DATA_SETS);
        order.sort(java.util.Comparator.comparing(d -> !d.equals(SWEEP_DATA_SET)));
        SparkSession spark = session("local[2]");
        for (String dataSet : order) {
            runs.add(pipeline(spark, dataSet, seeds(dataSet).get(0), DEFAULT_TEMPERATURE, DEFAULT_ALPHA));
            publish(runs, sweep, costs, start);
        }
        if (DATA_SETS.contains(SWEEP_DATA_SET)) {
            sweep = sweep(spark, SWEEP_DATA_SET, runs.get(0));
            runs.set(0, sweep.winnerRun());
            publish(runs, sweep, costs, start);
            spark.stop();
            costs = costs();
            publish(runs, sweep, costs, start);
            spark = session("local[2]");
        }
        for (String dataSet : order) {
            boolean swept = sweep != null && dataSet.equals(sweep.dataSet());
            double temperature = swept ? sweep.winner().temperature() : DEFAULT_TEMPERATURE;
            double alpha = swept ? sweep.winner().alpha() : DEFAULT_ALPHA;
            for (long seed : seeds(dataSet).subList(1, seeds(dataSet).size())) {
                runs.add(pipeline(spark, dataSet, seed, temperature, alpha));
                publish(runs, sweep, costs, start);
            }
        }
        spark.stop();
        System.out.println(publish(runs, sweep, costs, start));
    }

    /** Writes the tables so far to target/bench/real-data.md and, in a full run, into BENCHMARKS.md. */
    private static String publish(List<Run> runs, Sweep sweep, Costs costs, long start) throws IOException {
        double minutes = (System.nanoTime() - start) / 60e9;
        String epochs = DATA_SETS.stream().map(d -> d + " " + epochs(d) + " (patience " + patience(d) + ")")
                .collect(java.util.stream.Collectors.joining(", "));
        String student = STUDENT + (AUGMENTATION_COPIES > 0 ? "; fortunes also `data.augmentation: {copies: "
                + AUGMENTATION_COPIES + "}`" : "");
        String markdown = BenchmarkTables.render(runs, sweep, costs, minutes, QUICK, LABELLED_FRACTION, epochs,
                MAX_ROWS, student);
        Files.writeString(DIR.getParent().resolve("real-data.md"), markdown);
        if (!QUICK || Boolean.getBoolean("bench.writeBenchmarks")) {
            BenchmarkTables.replaceSection(PROJECT.resolve("BENCHMARKS.md"), markdown);
            BenchmarkTables.writeCharts(PROJECT.resolve("bench/results"), runs);
        }
        return markdown;
    }

    /** The seeds of one data set: {@code -Dbench.seeds.<data set>=...}, else {@code -Dbench.seeds}. */
    private static List<Long> seeds(String dataSet) {
        String own = System.getProperty("bench.seeds." + dataSet);
        return own == null ? SEEDS : longs(own);
    }

    /** generate, train and evaluate one data set under one seed, in a run folder of its own. */
    private static Run pipeline(SparkSession spark, String dataSet, long seed, double temperature, double alpha)
            throws IOException {
        JobConfig config = job(dataSet, seed, DIR.resolve("runs"), dataSet + "-seed" + seed, temperature, alpha,
                epochs(dataSet), patience(dataSet), data(dataSet, MAX_ROWS));
        Path metrics = Path.of(RunLayout.of(config).metrics());
        if (RESUME && Files.exists(metrics)) {
            System.out.printf(Locale.ROOT, "[bench] %s seed %d: kept from the earlier run%n", dataSet, seed);
            return new Run(dataSet, seed, temperature, alpha, JSON.readTree(metrics.toFile()));
        }
        RunContext run = RunContext.create(config, spark);
        long start = System.nanoTime();
        new GenerateJob(run).run();
        new TrainJob(run).run();
        new EvaluateJob(run).run();
        Run result = new Run(dataSet, seed, temperature, alpha, JSON.readTree(Path.of(RunLayout.of(config).metrics())
                .toFile()));
        System.out.printf(Locale.ROOT, "[bench] %s seed %d: macro-F1 teacher %.3f, baseline %.3f, distilled %.3f "
                        + "(%.0f s)%n", dataSet, seed, result.score("teacher", "macro_f1"),
                result.score("baseline", "macro_f1"), result.score("distilled", "macro_f1"),
                (System.nanoTime() - start) / 1e9);
        return result;
    }

    /**
     * Temperature x alpha on the first seed's generated data: each point's train stage in a run folder holding a copy
     * of that data, all submitted at once to one session (FAIR pools, so they share the executors), the winner chosen
     * by the distilled student's validation accuracy (its kept epoch) and only then evaluated on the test split.
     */
    private static Sweep sweep(SparkSession spark, String dataSet, Run defaultsRun) throws Exception {
        long seed = seeds(dataSet).get(0);
        Path source = DIR.resolve("runs").resolve(dataSet + "-seed" + seed);
        Path sweepDir = DIR.resolve("sweep");
        Map<String, JobConfig> configs = new LinkedHashMap<>();
        for (double t : TEMPERATURES) {
            for (double a : ALPHAS) {
                String name = String.format(Locale.ROOT, "%s-t%s-a%s", dataSet, t, a);
                copyGenerated(source, sweepDir.resolve(name));
                int epochs = SWEEP_EPOCHS == null ? epochs(dataSet) : SWEEP_EPOCHS;
                configs.put(name, job(dataSet, seed, sweepDir, name, t, a, epochs, patience(dataSet),
                        data(dataSet, MAX_ROWS)));
            }
        }
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(Integer.getInteger("bench.sweepThreads", 3));
        Map<String, Future<TrainSummary>> futures = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, JobConfig> e : configs.entrySet()) {
                futures.put(e.getKey(), pool.submit(() -> {
                    spark.sparkContext().setLocalProperty("spark.scheduler.pool", e.getKey());
                    return new TrainJob(RunContext.create(e.getValue(), spark)).run();
                }));
            }
            List<SweepPoint> points = new ArrayList<>();
            double sequential = 0;
            for (Map.Entry<String, Future<TrainSummary>> e : futures.entrySet()) {
                TrainSummary summary = e.getValue().get();
                TrainSummary.StudentRun distilled = summary.students().get(RunLayout.DISTILLED);
                JobConfig config = configs.get(e.getKey());
                double accuracy = distilled.epochs().get(distilled.bestEpoch() - 1).validationAccuracy();
                points.add(new SweepPoint(config.hyperparameters().temperature(), config.hyperparameters().alpha(),
                        accuracy, distilled.bestEpoch()));
                sequential += summary.students().values().stream().mapToDouble(TrainSummary.StudentRun::seconds).sum();
                System.out.printf(Locale.ROOT, "[bench] sweep %s: validation accuracy %.3f (epoch %d)%n", e.getKey(),
                        accuracy, distilled.bestEpoch());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            // Ties go to the point listed first: the grid runs from cool to hot and from little to much gold weight.
            SweepPoint winner = points.get(0);
            for (SweepPoint p : points) {
                if (p.validationAccuracy() > winner.validationAccuracy()) {
                    winner = p;
                }
            }
            String winnerName = String.format(Locale.ROOT, "%s-t%s-a%s", dataSet, winner.temperature(), winner.alpha());
            JobConfig winnerConfig = configs.get(winnerName);
            new EvaluateJob(RunContext.create(winnerConfig, spark)).run();
            Run winnerRun = new Run(dataSet, seed, winner.temperature(), winner.alpha(),
                    JSON.readTree(Path.of(RunLayout.of(winnerConfig).metrics()).toFile()));
            return new Sweep(dataSet, points, winner, winnerRun, defaultsRun, seconds, sequential,
                    winnerConfig.hyperparameters().numEpochs());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Generation rows/s and training examples/s on one, then two local executor threads (a fresh session each),
     * and the dense GEMM peak in this JVM. Training is timed on the sweep's data set, from its first seed's run.
     */
    private static Costs costs() throws Exception {
        double[] generate = new double[2];
        double[] train = new double[2];
        long multiplyAdds = 0;
        int trainExamples = 0;
        Path costData = data("spam-assassin", COST_ROWS);
        Path trainData = data(SWEEP_DATA_SET, MAX_ROWS);
        for (int threads = 1; threads <= 2; threads++) {
            SparkSession spark = session("local[" + threads + "]");
            try {
                JobConfig gen = job("spam-assassin", 1, DIR.resolve("costs"), "generate-local" + threads, 2.0, 0.3,
                        1, 0, costData);
                GenerateSummary g = new GenerateJob(RunContext.create(gen, spark)).run();
                generate[threads - 1] = g.generated() / g.seconds();

                // The train stage alone, on a copy of the first seed's generated data, for a fixed 3 epochs.
                Path trainRun = DIR.resolve("costs").resolve("train-local" + threads);
                copyGenerated(DIR.resolve("runs").resolve(SWEEP_DATA_SET + "-seed" + seeds(SWEEP_DATA_SET).get(0)),
                        trainRun);
                JobConfig tr = job(SWEEP_DATA_SET, seeds(SWEEP_DATA_SET).get(0), DIR.resolve("costs"), "train-local" + threads, 2.0, 0.3,
                        3, 0, trainData);
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
        return new Costs(generate[0], generate[1], train[0], train[1], multiplyAdds, peak, COST_ROWS, SWEEP_DATA_SET,
                trainExamples);
    }

    /**
     * Multiply-adds of one example's forward pass. The fastText student multiplies a dense bucket vector by its whole
     * embedding matrix; the cnn's embedding is a lookup, and its cost is the convolution at every word position plus
     * the output layer.
     */
    static long multiplyAddsPerExample(StudentMetadata student) {
        long labels = student.labels().size();
        if (student.isCnn()) {
            return (long) student.maxTokens() * student.kernel() * student.dimension() * student.filters()
                    + student.filters() * labels;
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

    /**
     * The job: the student with the levers that paid on the hard case (docs/students.md, "Levers for a hard case"): the cnn over
     * word ids, its word vectors started from the teacher's; 10% of the gold labels; the given knobs.
     */
    static JobConfig job(String dataSet, long seed, Path outputDir, String runName, double temperature, double alpha,
                         int epochs, int patience, Path data) throws IOException {
        JsonNode manifest = JSON.readTree(DATA.resolve(dataSet).resolve("manifest.json").toFile());
        List<String> labels = new ArrayList<>();
        manifest.at("/splits/train/per_label").fieldNames().forEachRemaining(labels::add);
        String yaml = """
                name: %s
                task: classification
                labels: %s
                data:
                  train: %s
                  validation: %s
                  test: %s
                  labelled_fraction: %s
                  labelled_seed: %d
                  %s
                teacher: {kind: embedded, batch_size: 32}
                student: %s
                hyperparameters:
                  learning_rate: 0.01
                  batch_size: 32
                  num_epochs: %d
                  temperature: %s
                  alpha: %s
                  seed: %d
                  averaging_frequency: 5
                  early_stopping_patience: %d
                output: {dir: %s, run_name: %s}
                evaluation: {latency_examples: 300, warmup_examples: 100}
                spark: {partitions: 4}
                """.formatted(dataSet, labels, data.resolve("train.jsonl"), data.resolve("validation.jsonl"),
                data.resolve("test.jsonl"), LABELLED_FRACTION, seed, augmentation(dataSet, seed), STUDENT,
                epochs, temperature, alpha, seed, patience,
                outputDir, runName);
        return ConfigLoader.parse(yaml, runName + " (benchmark)");
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

    private static List<Double> doubles(String csv) {
        return Arrays.stream(csv.split(",")).map(String::strip).map(Double::parseDouble).toList();
    }
}
