package io.sparkdistill.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdistill.config.ConfigLoader;
import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.config.StudentConfig;
import io.sparkdistill.config.TrainingConfig;
import io.sparkdistill.jobs.SparkSessions;
import io.sparkdistill.jobs.train.TrainingMasters;
import io.sparkdistill.math.Softmax;
import io.sparkdistill.student.HashingFeaturizer;
import io.sparkdistill.student.MinibatchIterator;
import io.sparkdistill.student.StudentBlueprint;
import io.sparkdistill.student.StudentInput;
import io.sparkdistill.student.TrainingBatches;
import io.sparkdistill.student.TrainingExample;
import io.sparkdistill.student.WordVocabulary;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A benchmark, not a test (surefire's includes do not match {@code *Benchmark}): label-student training throughput
 * (issue 17 item 3). Trains the real-data benchmark's students (fastText, cnn) on a real data set's training split,
 * with the train stage's own training master, on {@code local[1]} then {@code local[2]}, and prints for each variant
 * examples per second (per Spark core), the share of this JVM's measured SGEMM peak its multiply-adds reach, test
 * accuracy, and the scaling from one core to two. Main's fastText path (a dense bucket vector per example, a
 * partition's batches built into a list) and the embedding sequence + pooling it had next ("fasttext-bag") run beside
 * the student's direct embedding bag ("fasttext-direct") in the same run.
 *
 * <p>The teacher is synthetic, so that the benchmark needs no generate stage: each training row's teacher
 * probabilities are 0.7 on its gold label and the rest spread evenly; every row is labelled, and each is read
 * {@code bench.copies} times (the recipe's augmentation makes 4 copies per row).
 *
 * <p>Run from the repository root: {@code bench/student-training} ({@code -Dbench.dataSet=spam-assassin},
 * {@code -Dbench.variants=fasttext-main,fasttext-bag}, {@code -Dbench.threads=1,2}, {@code -Dbench.epochs=3},
 * {@code -Dbench.copies=4}, {@code -Dbench.seeds=1,2,3}, {@code -Dbench.warmUp=false} to skip the unreported first
 * fit of each variant in each session). The table goes to
 * {@code spark-jobs/target/bench/student-training.md}.
 */
class StudentTrainingBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DATA = Path.of("..", "bench", "real-data", "data").toAbsolutePath().normalize();
    private static final Path OUT = Path.of("target", "bench", "student-training.md");
    /** Each figure as it is measured, since a whole run takes long on a busy machine. */
    private static final Path PROGRESS = Path.of("target", "bench", "student-training.log");
    private static final String DATA_SET = System.getProperty("bench.dataSet", "fortunes");
    private static final int COPIES = Integer.getInteger("bench.copies", 4);
    private static final int EPOCHS = Integer.getInteger("bench.epochs", 3);
    private static final List<Integer> THREADS = Arrays.stream(System.getProperty("bench.threads", "1,2").split(","))
            .map(Integer::parseInt).toList();
    /** Seeds of the networks' initialisation; quality is compared as mean and standard deviation over them. */
    private static final List<Long> SEEDS = Arrays.stream(System.getProperty("bench.seeds", "1").split(","))
            .map(String::strip).map(Long::parseLong).toList();
    private static final double TEACHER_CONFIDENCE = 0.7;
    /**
     * Whether each variant first trains once, unreported, in each session: the first fit of a JVM (or of a session)
     * also pays for compiling the code it runs, which made the first seed's figure up to 40% lower than the others'.
     */
    private static final boolean WARM_UP = Boolean.parseBoolean(System.getProperty("bench.warmUp", "true"));

    /** Which network and input a variant trains: the student's own, or one the fastText student had before. */
    enum Network {
        /** Main's dense bucket vector ({@link MainFastTextPath}). */
        MAIN,
        /** DL4J's embedding sequence and summing pooling ({@link EmbeddingSequencePath}). */
        SEQUENCE,
        /** {@code StudentBlueprint}'s: for fastText the direct embedding bag. */
        STUDENT
    }

    /** One way of training a student. */
    record Variant(String name, StudentConfig student, Network network, int batchSize, double learningRate,
                   int averagingFrequency) {
        boolean mainPath() {
            return network == Network.MAIN;
        }
    }

    private static final StudentConfig FASTTEXT = StudentConfig.defaults();
    private static final StudentConfig CNN = StudentConfig.cnn(null, null, null, null, 6000);
    // The recipe's settings (learning rate 0.01, minibatch 32; averaging every 20 in conf/real-data-recipe.yaml since
    // issue 17, every 5 before), then one lever at a time; a 4x larger minibatch takes a 2x learning rate (square-root
    // scaling, as for Adam).
    // "bag" is the embedding sequence + pooling, "direct" the student's EmbeddingBag layer.
    private static final Map<String, Variant> VARIANTS = Map.ofEntries(
            variant("fasttext-main", FASTTEXT, Network.MAIN, 32, 0.01, 5),
            variant("fasttext-bag", FASTTEXT, Network.SEQUENCE, 32, 0.01, 5),
            variant("fasttext-bag-f20", FASTTEXT, Network.SEQUENCE, 32, 0.01, 20),
            variant("fasttext-bag-b128", FASTTEXT, Network.SEQUENCE, 128, 0.02, 5),
            variant("fasttext-bag-b128-f20", FASTTEXT, Network.SEQUENCE, 128, 0.02, 20),
            variant("fasttext-direct", FASTTEXT, Network.STUDENT, 32, 0.01, 5),
            variant("fasttext-direct-f20", FASTTEXT, Network.STUDENT, 32, 0.01, 20),
            variant("cnn", CNN, Network.STUDENT, 32, 0.01, 5),
            variant("cnn-f20", CNN, Network.STUDENT, 32, 0.01, 20),
            variant("cnn-b128", CNN, Network.STUDENT, 128, 0.02, 5),
            variant("cnn-b128-f20", CNN, Network.STUDENT, 128, 0.02, 20));
    private static final List<String> CHOSEN = List.of(System.getProperty("bench.variants",
            "fasttext-main,fasttext-bag,fasttext-bag-b128-f20,cnn,cnn-b128-f20").split(","));

    private static Map.Entry<String, Variant> variant(String name, StudentConfig student, Network network,
                                                      int batchSize, double learningRate, int averagingFrequency) {
        return Map.entry(name, new Variant(name, student, network, batchSize, learningRate, averagingFrequency));
    }

    /** What one variant reached on one session. */
    record Result(Variant variant, int threads, long seed, double examplesPerSecond, double flopsPerExample,
                  double testAccuracy, String load) {
    }

    @Test
    void printsTrainingThroughputPerVariantAndCore() throws Exception {
        List<String> labels = labels();
        List<TrainingExample> train = examples("train", labels, COPIES);
        List<TrainingExample> test = examples("test", labels, 1);
        Files.createDirectories(OUT.getParent());
        Files.deleteIfExists(PROGRESS);
        double peak = MatmulPeak.flopsPerSecond(2048, 5);
        String peakLoad = load();
        progress(String.format(Locale.ROOT, "[bench] SGEMM peak %.1f GFLOP/s (load %s)", peak / 1e9, peakLoad));
        List<Result> results = new ArrayList<>();
        for (int threads : THREADS) {
            SparkSession spark = session("local[" + threads + "]");
            try {
                JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
                for (String name : CHOSEN) {
                    Variant variant = VARIANTS.get(name.trim());
                    if (variant == null) {
                        throw new IllegalArgumentException("no variant " + name + "; known: " + VARIANTS.keySet());
                    }
                    if (WARM_UP) {
                        Result warmUp = run(variant, threads, SEEDS.get(0), sc, train, test, labels);
                        progress(String.format(Locale.ROOT, "[bench] %s local[%d] warm-up (not reported): %.0f "
                                + "examples/s", name, threads, warmUp.examplesPerSecond()));
                    }
                    for (long seed : SEEDS) {
                        Result result = run(variant, threads, seed, sc, train, test, labels);
                        results.add(result);
                        progress(String.format(Locale.ROOT, "[bench] %s local[%d] seed %d: %.0f examples/s (%.0f "
                                        + "per core), %.2f%% of SGEMM peak, test accuracy %.3f (load %s)", name,
                                threads, seed, result.examplesPerSecond(), result.examplesPerSecond() / threads,
                                100 * result.flopsPerExample() * result.examplesPerSecond() / peak,
                                result.testAccuracy(), result.load()));
                    }
                }
            } finally {
                spark.stop();
            }
        }
        String table = table(results, peak, peakLoad, train.size());
        Files.writeString(OUT, table);
        System.out.println(table);
        assertTrue(results.stream().allMatch(r -> r.examplesPerSecond() > 0));
    }

    private static Result run(Variant v, int threads, long seed, JavaSparkContext sc, List<TrainingExample> train,
                              List<TrainingExample> test, List<String> labels) {
        int numLabels = labels.size();
        Hyperparameters h = new Hyperparameters(v.learningRate(), v.batchSize(), EPOCHS, 2.0, 0.3, seed,
                v.averagingFrequency(), 0);
        WordVocabulary vocabulary = v.student().readsWords() ? vocabulary(train, v.student().vocabulary()) : null;
        StudentBlueprint blueprint = new StudentBlueprint(v.student(), vocabulary);
        StudentInput input = v.network() == Network.SEQUENCE
                ? EmbeddingSequencePath.input((HashingFeaturizer) blueprint.input()) : blueprint.input();
        int batchSize = v.batchSize();
        MultiLayerNetwork network = switch (v.network()) {
            case MAIN -> MainFastTextPath.network(v.student(), h, numLabels);
            case SEQUENCE -> EmbeddingSequencePath.network(v.student(), h, numLabels);
            case STUDENT -> blueprint.network(h, numLabels, 1, null);
        };
        JavaRDD<TrainingExample> examples = sc.parallelize(train, sc.defaultParallelism());
        // as the train stage ships it
        Broadcast<StudentInput> shared = sc.broadcast(input);
        JavaRDD<DataSet> batches = v.mainPath()
                ? examples.mapPartitions(p -> MainFastTextPath.batches(p, batchSize, (HashingFeaturizer) input,
                        numLabels))
                : examples.mapPartitions(p -> new MinibatchIterator(p, batchSize, shared.value(), numLabels));
        SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(sc, network,
                TrainingMasters.reproducible(new TrainingConfig(null, null, null, null, null), h, sc));
        long start = System.nanoTime();
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            sparkNet.fit(batches);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String load = load();
        double accuracy = accuracy(sparkNet.getNetwork(), v, input, test, numLabels);
        return new Result(v, threads, seed, (double) train.size() * EPOCHS / seconds,
                flopsPerExample(v, input, train, numLabels), accuracy, load);
    }

    /** Test accuracy of the trained network, fed as it was trained. */
    private static double accuracy(MultiLayerNetwork network, Variant v, StudentInput input,
                                   List<TrainingExample> test, int numLabels) {
        int correct = 0;
        for (int from = 0; from < test.size(); from += 256) {
            List<TrainingExample> part = test.subList(from, Math.min(test.size(), from + 256));
            DataSet batch = v.mainPath()
                    ? MainFastTextPath.dataSet(part, (HashingFeaturizer) input, numLabels)
                    : TrainingBatches.toDataSet(part, input, numLabels);
            INDArray logits = network.output(batch.getFeatures(), false, batch.getFeaturesMaskArray(), null);
            for (int i = 0; i < part.size(); i++) {
                if (Softmax.argmax(logits.getRow(i).toFloatVector()) == part.get(i).hardLabel()) {
                    correct++;
                }
            }
        }
        return (double) correct / test.size();
    }

    /**
     * Floating-point operations one training example costs (forward and backward: 3 times the forward's 2 per
     * multiply-add). Main's fastText multiplies the whole bucket vector; the bag adds the rows of its firing buckets
     * (the mean over the training set); the cnn convolves every word position.
     */
    private static double flopsPerExample(Variant v, StudentInput input, List<TrainingExample> train, int labels) {
        StudentConfig s = v.student();
        double multiplyAdds;
        if (s.isCnn()) {
            multiplyAdds = (double) s.maxTokens() * s.kernel() * s.dimension() * s.filters() + s.filters() * labels;
        } else if (v.mainPath()) {
            multiplyAdds = (double) s.buckets() * s.dimension() + s.dimension() * labels;
        } else {
            HashingFeaturizer featurizer = (HashingFeaturizer) new StudentBlueprint(s, null).input();
            double buckets = train.stream().mapToInt(e -> featurizer.features(e.segments()).size()).average()
                    .orElse(0);
            multiplyAdds = buckets * s.dimension() + s.dimension() * labels;
        }
        return 6 * multiplyAdds;
    }

    /** One row per variant and core count: mean and standard deviation over the seeds. */
    private static String table(List<Result> results, double peak, String peakLoad, int examples) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Student training throughput, %s (%d training examples = %d rows x %d), "
                        + "%d epochs, seeds %s, SGEMM peak %.1f GFLOP/s (load %s), %d cores%n%n", DATA_SET, examples,
                examples / COPIES, COPIES, EPOCHS, SEEDS, peak / 1e9, peakLoad,
                Runtime.getRuntime().availableProcessors()));
        md.append("| variant | minibatch | learning rate | averaging every | Spark cores | examples/s | per core "
                + "| x main's fastText | share of SGEMM peak | x local[1] | test accuracy | load (1/5/15 min), last "
                + "seed |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
        Map<String, List<Result>> groups = new LinkedHashMap<>();
        results.forEach(r -> groups.computeIfAbsent(r.variant().name() + "@" + r.threads(), k -> new ArrayList<>())
                .add(r));
        for (List<Result> group : groups.values()) {
            Result first = group.get(0);
            Variant v = first.variant();
            double rate = mean(group, Result::examplesPerSecond);
            double main = mean(groups.getOrDefault("fasttext-main@" + first.threads(), List.of()),
                    Result::examplesPerSecond);
            double one = mean(groups.getOrDefault(v.name() + "@1", List.of()), Result::examplesPerSecond);
            md.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %d | %d | %.0f ± %.0f | %.0f | %.2f | %.2f%% | "
                            + "%.2f | %.3f ± %.3f | %s |%n", v.name(), v.batchSize(), v.learningRate(),
                    v.averagingFrequency(), first.threads(), rate, sd(group, Result::examplesPerSecond),
                    rate / first.threads(), rate / main, 100 * first.flopsPerExample() * rate / peak, rate / one,
                    mean(group, Result::testAccuracy), sd(group, Result::testAccuracy),
                    group.get(group.size() - 1).load()));
        }
        return md.toString();
    }

    private static double mean(List<Result> results, ToDoubleFunction<Result> value) {
        return results.stream().mapToDouble(value).average().orElse(Double.NaN);
    }

    /** Sample standard deviation (0 for a single seed). */
    private static double sd(List<Result> results, ToDoubleFunction<Result> value) {
        if (results.size() < 2) {
            return 0;
        }
        double mean = mean(results, value);
        double squares = results.stream().mapToDouble(value).map(x -> (x - mean) * (x - mean)).sum();
        return Math.sqrt(squares / (results.size() - 1));
    }

    /** The data set's labels, in its manifest's order. */
    private static List<String> labels() throws IOException {
        JsonNode manifest = JSON.readTree(DATA.resolve(DATA_SET).resolve("manifest.json").toFile());
        List<String> labels = new ArrayList<>();
        manifest.at("/splits/train/per_label").fieldNames().forEachRemaining(labels::add);
        return labels;
    }

    /** A split's rows, each {@code copies} times, with the synthetic teacher's probabilities. */
    private static List<TrainingExample> examples(String split, List<String> labels, int copies) throws IOException {
        List<TrainingExample> rows = new ArrayList<>();
        for (String line : Files.readAllLines(DATA.resolve(DATA_SET).resolve(split + ".jsonl"))) {
            JsonNode row = JSON.readTree(line);
            int label = labels.indexOf(row.get("label").asText());
            float[] teacher = new float[labels.size()];
            Arrays.fill(teacher, (float) ((1 - TEACHER_CONFIDENCE) / (labels.size() - 1)));
            teacher[label] = (float) TEACHER_CONFIDENCE;
            rows.add(new TrainingExample(List.of(row.get("text").asText()), label, teacher));
        }
        List<TrainingExample> out = new ArrayList<>(rows.size() * copies);
        for (int c = 0; c < copies; c++) {
            out.addAll(rows);
        }
        return out;
    }

    private static WordVocabulary vocabulary(List<TrainingExample> train, int size) {
        Map<String, Long> counts = new HashMap<>();
        for (TrainingExample e : train) {
            for (String word : WordVocabulary.tokens(e.segments().get(0))) {
                counts.merge(word, 1L, Long::sum);
            }
        }
        return WordVocabulary.mostFrequent(counts, size);
    }

    private static void progress(String line) throws IOException {
        System.out.println(line);
        Files.writeString(PROGRESS, line + System.lineSeparator(), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** The machine's load averages, which other work on it moves. */
    private static String load() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + "/" + fields[1] + "/" + fields[2];
        } catch (IOException e) {
            return "n/a";
        }
    }

    /**
     * A session built as the train stage builds its own ({@link SparkSessions}: Kryo with the project's registrator,
     * round results sent with their tasks, ...), so that the benchmark measures the stage's settings and cannot drift
     * from them.
     */
    private static SparkSession session(String master) {
        return SparkSessions.create(ConfigLoader.parse("""
                name: student-training-benchmark
                task: classification
                labels: [a, b]
                data: {train: unused.jsonl, test: unused.jsonl}
                spark:
                  master: "%s"
                  conf:
                    spark.ui.enabled: false
                    spark.hadoop.hadoop.tmp.dir: "%s"
                """.formatted(master, System.getProperty("java.io.tmpdir")), "student-training benchmark"));
    }
}
