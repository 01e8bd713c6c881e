package io.sparkdistill.jobs.generate;

import io.sparkdistill.config.JobConfig;
import io.sparkdistill.ingest.Example;
import io.sparkdistill.ingest.Split;
import io.sparkdistill.jobs.JsonFiles;
import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.jobs.StageProgress;
import io.sparkdistill.teacher.LinearHead;
import io.sparkdistill.teacher.SentenceEncoder;
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
import java.util.Map;

/**
 * The offline teacher: encodes the pending examples once on the executors (one encoder per JVM, one session per
 * partition), fits the classification head on the training split's features if the run folder has none yet, and
 * appends the answers to {@code synthetic/}. Every answer is accepted: there is no text to validate.
 */
final class EmbeddedGeneration implements TeacherGeneration {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedGeneration.class);

    private final RunContext run;

    EmbeddedGeneration(RunContext run) {
        this.run = run;
    }

    @Override
    public String teacherFingerprint() {
        return SentenceEncoder.shared().fingerprint();
    }

    @Override
    public GenerationCounts generate(JavaRDD<Example> pending, long count, LongAccumulator calls) {
        JobConfig config = run.config();
        int batchSize = config.teacher().batchSize();
        JavaRDD<Tuple2<Example, float[]>> featured;
        try (StageProgress progress = StageProgress.start("generate", JavaSparkContext.fromSparkContext(
                run.spark().sparkContext()), calls, count, 10)) {
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
        return new GenerationCounts(count, Map.of(), Map.of(), 0, 0, count, fitNow);
    }
}
