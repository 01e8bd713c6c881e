package io.sparkdistill.jobs.generate;

import io.sparkdistill.config.JobConfig;
import io.sparkdistill.ingest.Example;
import io.sparkdistill.ingest.Split;
import io.sparkdistill.jobs.JsonFiles;
import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.jobs.StageProgress;
import io.sparkdistill.jobs.ingest.IngestResult;
import io.sparkdistill.jobs.ingest.InputReader;
import io.sparkdistill.teacher.LinearHead;
import io.sparkdistill.teacher.SentenceEncoder;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

import java.sql.Timestamp;
import java.util.List;

/**
 * Stage 1: the teacher answers every valid example that the run folder does not hold yet. Examples are spread over
 * the executors by id; each executor JVM loads the encoder once ({@link SentenceEncoder#shared()}) and each
 * partition opens one session and sends batches. Answers are appended to {@code synthetic/}, so a rerun or a nightly
 * run with new rows pays only for what is new.
 */
public final class GenerateJob {
    private static final Logger LOG = LoggerFactory.getLogger(GenerateJob.class);

    private final RunContext run;

    public GenerateJob(RunContext run) {
        this.run = run;
    }

    public GenerateSummary run() {
        long start = System.nanoTime();
        JobConfig config = run.config();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(run.spark().sparkContext());
        sc.setJobGroup("generate", "spark-distill generate " + config.name(), false);

        IngestResult input = new InputReader(run.spark(), config).read(run.layout().quarantine());
        int partitions = config.spark().partitions();
        JavaPairRDD<String, Example> unique = input.examples().mapToPair(e -> new Tuple2<>(e.id(), e))
                .reduceByKey((a, b) -> a.sourceLine() <= b.sourceLine() ? a : b, partitions);
        long uniqueCount = unique.count();
        long duplicates = input.valid() - uniqueCount;

        JavaPairRDD<String, Example> pending = unique;
        if (run.storage().isCompleteDataset(run.layout().synthetic())) {
            JavaPairRDD<String, Boolean> done = run.spark().read().parquet(run.layout().synthetic()).select("id")
                    .javaRDD().mapToPair(r -> new Tuple2<>(r.getString(0), Boolean.TRUE));
            pending = unique.subtractByKey(done, new HashPartitioner(partitions));
        }
        pending.persist(StorageLevel.MEMORY_AND_DISK());
        long todo = pending.count();
        LOG.info("[generate] {} unique examples, {} already in {}, {} to send to the teacher",
                uniqueCount, uniqueCount - todo, run.layout().synthetic(), todo);

        LongAccumulator calls = sc.sc().longAccumulator("teacher calls");
        boolean headFitted = false;
        if (todo > 0) {
            headFitted = generate(pending.values(), todo, calls);
        }
        pending.unpersist(false);
        input.examples().unpersist(false);

        GenerateSummary summary = new GenerateSummary(run.runId(), input.validBySplit(), input.quarantinedByReason(),
                duplicates, uniqueCount - todo, todo, calls.value(), headFitted, (System.nanoTime() - start) / 1e9);
        run.storage().writeString(run.layout().generateSummary(), JsonFiles.write(summary));
        LOG.info("[generate] done: {} new synthetic rows, {} teacher calls, {} quarantined, in {} s",
                summary.generated(), summary.teacherCalls(), input.quarantined(), String.format("%.1f", summary.seconds()));
        return summary;
    }

    /** Encodes the pending examples once, fits the head if the run has none, and appends the answers. */
    private boolean generate(JavaRDD<Example> pending, long todo, LongAccumulator calls) {
        JobConfig config = run.config();
        int batchSize = config.teacher().batchSize();
        JavaRDD<Tuple2<Example, float[]>> featured;
        try (StageProgress progress = StageProgress.start("generate", JavaSparkContext.fromSparkContext(
                run.spark().sparkContext()), calls, todo, 10)) {
            featured = pending.mapPartitions(part -> new PartitionEncoder(part, batchSize, calls));
            featured.persist(StorageLevel.MEMORY_AND_DISK());
            featured.count();
        }

        boolean fitNow = !run.storage().exists(run.layout().teacherHead());
        LinearHead head;
        if (fitNow) {
            List<String> labels = config.labels();
            JavaRDD<Tuple2<Integer, float[]>> labelled = featured
                    .filter(t -> t._1().split() == Split.TRAIN)
                    .map(t -> new Tuple2<>(labels.indexOf(t._1().label()), t._2()));
            head = HeadFitter.fit(run.spark(), labelled, labels, config.teacher());
            run.storage().writeString(run.layout().teacherHead(), head.toJson());
            LOG.info("[generate] teacher head fitted on {} training examples, training accuracy {}",
                    head.fit().trainExamples(), String.format("%.3f", head.fit().trainAccuracy()));
        } else {
            head = LinearHead.fromJson(run.storage().readString(run.layout().teacherHead()));
            LOG.info("[generate] reusing the teacher head in {}", run.layout().teacherHead());
        }

        SentenceEncoder encoder = SentenceEncoder.shared();
        SyntheticSchema.Provenance provenance = new SyntheticSchema.Provenance(
                encoder.modelName() + " + logistic head", encoder.version(), encoder.fingerprint(),
                JsonFiles.write(head.fit()), config.hyperparameters().temperature(), run.runId(),
                new Timestamp(System.currentTimeMillis()));
        double temperature = config.hyperparameters().temperature();
        JavaRDD<Row> rows = featured.map(t -> SyntheticSchema.toRow(t._1(), head.answer(t._2(), temperature),
                provenance));
        run.spark().createDataFrame(rows, SyntheticSchema.SCHEMA).write().mode(SaveMode.Append)
                .partitionBy("split").parquet(run.layout().synthetic());
        featured.unpersist(false);
        return fitNow;
    }
}
