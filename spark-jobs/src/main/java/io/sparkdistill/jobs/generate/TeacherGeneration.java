package io.sparkdistill.jobs.generate;

import io.sparkdistill.ingest.Example;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.util.LongAccumulator;

/** One kind of teacher answering the pending examples of a generate run and writing its outputs. */
interface TeacherGeneration {

    /** Identifies the teacher's configuration; a run folder holds the answers of one teacher only. */
    String teacherFingerprint();

    /**
     * Answers {@code pending} ({@code count} examples), writes every outcome, and counts them; {@code calls}
     * counts examples sent to the teacher, for progress lines and the summary.
     */
    GenerationCounts generate(JavaRDD<Example> pending, long count, LongAccumulator calls);

    /** One pass of answers over the pending examples: a teacher's {@link #generate}, or a batch import. */
    @FunctionalInterface
    interface Pass {
        GenerationCounts run(JavaRDD<Example> pending, long count, LongAccumulator calls);
    }
}
