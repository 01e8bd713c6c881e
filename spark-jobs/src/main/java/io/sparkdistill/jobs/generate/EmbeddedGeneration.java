package io.sparkdistill.jobs.generate;

import io.sparkdistill.config.JobConfig;
import io.sparkdistill.ingest.Example;
import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.jobs.StageProgress;
import io.sparkdistill.teacher.SentenceEncoder;
import io.sparkdistill.teacher.TeacherInfo;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple2;

import java.util.Map;

/**
 * The offline teacher: encodes the pending examples once on the executors (one encoder per JVM, one session per
 * partition), fits the classification head on the training split's features if the run folder has none yet, and
 * appends the answers to {@code synthetic/}. Every answer is accepted: there is no text to validate.
 */
final class EmbeddedGeneration implements TeacherGeneration {
    private final RunContext run;

    EmbeddedGeneration(RunContext run) {
        this.run = run;
    }

    @Override
    public String teacherFingerprint() {
        return SentenceEncoder.describeBundled().modelFingerprint();
    }

    @Override
    public GenerationCounts generate(JavaRDD<Example> pending, long count, LongAccumulator calls) {
        JobConfig config = run.config();
        int batchSize = config.teacher().batchSize();
        JavaRDD<Tuple2<Example, float[]>> featured;
        try (StageProgress progress = StageProgress.start("generate", JavaSparkContext.fromSparkContext(
                run.spark().sparkContext()), calls, count)) {
            featured = pending.mapPartitions(part -> new PartitionEncoder(part, batchSize, calls));
            featured.persist(StorageLevel.MEMORY_AND_DISK());
            featured.count();
        }

        TeacherInfo encoder = SentenceEncoder.describeBundled();
        GenerationCounts counts = HeadedAnswers.fitHeadAndWrite(run, featured, count,
                encoder.name() + " + logistic head", encoder.version(), encoder.modelFingerprint(), Map.of());
        featured.unpersist(false);
        return counts;
    }
}
