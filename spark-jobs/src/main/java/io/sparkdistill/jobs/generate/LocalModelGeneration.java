package io.sparkdistill.jobs.generate;

import io.sparkdistill.config.JobConfig;
import io.sparkdistill.config.ConfigProblem;
import io.sparkdistill.config.LocalModelSettings;
import io.sparkdistill.jobs.store.SyntheticSchema;
import io.sparkdistill.jobs.store.SyntheticStore;
import io.sparkdistill.task.TaskStrategies;
import io.sparkdistill.ingest.Example;
import io.sparkdistill.jobs.HadoopFetcher;
import io.sparkdistill.jobs.JsonFiles;
import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.jobs.StageProgress;
import io.sparkdistill.teacher.TeacherFeatures;
import io.sparkdistill.teacher.TeacherAnswer;
import io.sparkdistill.teacher.local.LocalModel;
import io.sparkdistill.teacher.local.LocalModelFiles;
import io.sparkdistill.teacher.local.LocalSession;
import io.sparkdistill.teacher.local.LocalTeacher;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.TaskCompletionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

import java.sql.Timestamp;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * A user's own DJL model as the teacher ({@code teacher.kind: local}). The model folder is copied from its Hadoop URL
 * to each executor's local disk once and loaded once per executor JVM; each partition opens one session.
 * <ul>
 *   <li>{@code encoder}: the pending examples are encoded once (pair features for nli), the classification head is
 *       fitted on the training split's features if the run folder has none yet (as for the embedded teacher), and
 *       the head's answers are written;</li>
 *   <li>{@code classifier}: softmax(logits / T) of the model's own logits, one per label in the job's label order,
 *       are written directly.</li>
 * </ul>
 * Every answer is accepted: there is no text to validate.
 */
final class LocalModelGeneration implements TeacherGeneration {
    private static final Logger LOG = LoggerFactory.getLogger(LocalModelGeneration.class);

    private final RunContext run;
    private final LocalModelSettings settings;
    private final HadoopFetcher fetcher;
    private LocalModelFiles files;

    LocalModelGeneration(RunContext run, LocalModelSettings settings) {
        List<ConfigProblem> problems = settings.problems("teacher.local");
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the local teacher's settings are invalid: " + problems);
        }
        TaskStrategies.label(run.config().task());
        // On the driver, before any Spark work: executors run the same jar, so they would fail the same way.
        LocalModel.requireEngine(settings);
        this.run = run;
        this.settings = settings;
        this.fetcher = HadoopFetcher.of(run);
    }

    /** The model file's fingerprint; the driver copies (for a URL) and hashes the model but does not load it. */
    @Override
    public String teacherFingerprint() {
        return files().fingerprint();
    }

    @Override
    public GenerationCounts generate(JavaRDD<Example> pending, long count, LongAccumulator calls) {
        return settings.isEncoder() ? generateWithHead(pending, count, calls) : generateFromLogits(pending, count,
                calls);
    }

    private GenerationCounts generateWithHead(JavaRDD<Example> pending, long count, LongAccumulator calls) {
        LocalModelSettings s = settings;
        HadoopFetcher f = fetcher;
        int batchSize = run.config().teacher().batchSize();
        JavaRDD<Tuple2<Example, float[]>> featured;
        try (StageProgress progress = StageProgress.start("generate", sparkContext(), calls, count)) {
            featured = pending.mapPartitions(part -> {
                TeacherFeatures features = new TeacherFeatures(openSession(s, f)::encode);
                return new Batches<>(part, batchSize, calls, batch -> zip(batch, features.of(batch)));
            });
            featured.persist(StorageLevel.MEMORY_AND_DISK());
            featured.count();
        }
        Map<String, String> details = new LinkedHashMap<>(detailsOnDriver());
        GenerationCounts counts = HeadedAnswers.fitHeadAndWrite(run, featured, count, "local model " + modelStem() + " ("
                + s.engine() + ") + logistic head", s.path(), teacherFingerprint(), details);
        featured.unpersist(false);
        return counts;
    }

    private GenerationCounts generateFromLogits(JavaRDD<Example> pending, long count, LongAccumulator calls) {
        JobConfig config = run.config();
        LocalModelSettings s = settings;
        HadoopFetcher f = fetcher;
        int batchSize = config.teacher().batchSize();
        List<String> labels = config.labels();
        double temperature = config.hyperparameters().temperature();
        Map<String, String> details = new LinkedHashMap<>(detailsOnDriver());
        details.put("labels", String.join(",", labels));
        SyntheticSchema.Provenance provenance = new SyntheticSchema.Provenance("local model " + modelStem() + " ("
                + s.engine() + ")", s.path(), teacherFingerprint(), JsonFiles.write(details), temperature,
                run.runId(), new Timestamp(System.currentTimeMillis()));
        JavaRDD<Row> rows = pending.mapPartitions(part -> {
            LocalTeacher teacher = LocalTeacher.classifier(openSession(s, f), labels, temperature);
            return new Batches<>(part, batchSize, calls, batch -> {
                List<TeacherAnswer> answers = teacher.answer(batch);
                List<Row> out = new ArrayList<>(batch.size());
                for (int i = 0; i < batch.size(); i++) {
                    out.add(SyntheticSchema.toRow(batch.get(i), answers.get(i), provenance));
                }
                return out;
            });
        });
        try (StageProgress progress = StageProgress.start("generate", sparkContext(), calls, count)) {
            SyntheticStore.of(run).append(run.spark().createDataFrame(rows, SyntheticSchema.SCHEMA));
        }
        return new GenerationCounts(count, Map.of(), Map.of(), 0, 0, count, false, count, 0);
    }

    /** The settings as provenance, without loading the model on the driver. */
    private Map<String, String> detailsOnDriver() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("engine", "DJL " + settings.engine());
        details.put("kind", settings.kind());
        details.put("path", settings.path());
        details.put("model_name", modelStem());
        details.put("tokenizer", settings.tokenizer());
        details.put("max_length", String.valueOf(settings.maxLength()));
        if (settings.isEncoder()) {
            details.put("pooling", settings.pooling());
            details.put("normalize", String.valueOf(settings.normalize()));
        }
        return details;
    }

    private String modelStem() {
        return files().modelName();
    }

    private LocalModelFiles files() {
        if (files == null) {
            files = LocalModelFiles.resolve(settings, fetcher);
        }
        return files;
    }

    private JavaSparkContext sparkContext() {
        return JavaSparkContext.fromSparkContext(run.spark().sparkContext());
    }

    /** On an executor: a session of the JVM's model, closed when the Spark task ends however it ends. */
    private static LocalSession openSession(LocalModelSettings settings, HadoopFetcher fetcher) {
        LocalSession session = LocalModel.shared(settings, fetcher).newSession();
        TaskContext.get().addTaskCompletionListener((TaskCompletionListener) context -> session.close());
        return session;
    }

    private static List<Tuple2<Example, float[]>> zip(List<Example> batch, float[][] rows) {
        List<Tuple2<Example, float[]>> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            out.add(new Tuple2<>(batch.get(i), rows[i]));
        }
        return out;
    }


    /**
     * A partition's examples, a batch at a time through {@code answer}, lazily: a partition of any size needs memory
     * for one batch only. PartitionEncoder does the same for the bundled encoder only.
     */
    private static final class Batches<T> implements Iterator<T> {
        private final Iterator<Example> examples;
        private final int batchSize;
        private final LongAccumulator calls;
        private final Function<List<Example>, List<T>> answer;
        private final ArrayDeque<T> ready = new ArrayDeque<>();

        Batches(Iterator<Example> examples, int batchSize, LongAccumulator calls,
                Function<List<Example>, List<T>> answer) {
            this.examples = examples;
            this.batchSize = batchSize;
            this.calls = calls;
            this.answer = answer;
        }

        @Override
        public boolean hasNext() {
            if (ready.isEmpty() && examples.hasNext()) {
                List<Example> batch = new ArrayList<>(batchSize);
                while (batch.size() < batchSize && examples.hasNext()) {
                    batch.add(examples.next());
                }
                ready.addAll(answer.apply(batch));
                calls.add(batch.size());
            }
            return !ready.isEmpty();
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return ready.poll();
        }
    }
}
