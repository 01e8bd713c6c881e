package io.sparkdistill.jobs.generate;

import io.sparkdistill.config.ExecutorTeacherConfig;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.ingest.Example;
import io.sparkdistill.ingest.LabelledShare;
import io.sparkdistill.jobs.ingest.LabelledShares;
import io.sparkdistill.ingest.Split;
import io.sparkdistill.jobs.JsonFiles;
import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.jobs.store.SyntheticSchema;
import io.sparkdistill.jobs.store.SyntheticStore;
import io.sparkdistill.teacher.LinearHead;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The second half of an encoder teacher (the embedded one or a user's local encoder): a classification head over
 * the encoder's features, fitted with Spark MLlib on the training examples that keep their gold label
 * ({@code data.labelled_fraction}), answering every example.
 */
final class HeadedAnswers {
    private static final Logger LOG = LoggerFactory.getLogger(HeadedAnswers.class);

    private HeadedAnswers() {
    }

    /**
     * Fits the head on the training split's features (or reuses the run folder's head, so that soft labels stay
     * consistent across runs), and appends the head's answers to {@code synthetic/}.
     *
     * @param modelDetails the encoder's settings for provenance; empty to record the head's fit alone
     */
    static GenerationCounts fitHeadAndWrite(RunContext run, JavaRDD<Tuple2<Example, float[]>> featured, long count,
                                            String teacherName, String teacherVersion, String teacherFingerprint,
                                            Map<String, String> modelDetails) {
        JobConfig config = run.config();
        boolean fitNow = !run.storage().exists(run.layout().teacherHead());
        LinearHead head;
        if (fitNow) {
            List<String> labels = config.labels();
            LabelledShare share = LabelledShares.of(config.data(), featured.filter(t -> t._1().split() == Split.TRAIN)
                    .map(t -> new Tuple2<>(t._1().id(), t._1().label())));
            JavaRDD<Tuple2<Integer, float[]>> labelled = featured
                    .filter(t -> t._1().split() == Split.TRAIN && share.includes(t._1().id(), t._1().label()))
                    .map(t -> new Tuple2<>(labels.indexOf(t._1().label()), t._2()));
            // Only the teachers run on the executors (embedded, local) get here.
            head = HeadFitter.fit(run.spark(), labelled, labels, (ExecutorTeacherConfig) config.teacher());
            run.storage().writeString(run.layout().teacherHead(), head.toJson());
            LOG.info("[generate] teacher head fitted on {} labelled training examples (data.labelled_fraction {}), "
                    + "training accuracy {}", head.fit().trainExamples(), share.fraction(), String.format("%.3f", head.fit().trainAccuracy()));
        } else {
            head = LinearHead.fromJson(run.storage().readString(run.layout().teacherHead()));
            LOG.info("[generate] reusing the teacher head in {}", run.layout().teacherHead());
        }
        Map<String, Object> details = new LinkedHashMap<>(modelDetails);
        details.put("head", head.fit());
        double temperature = config.hyperparameters().temperature();
        SyntheticSchema.Provenance provenance = new SyntheticSchema.Provenance(teacherName, teacherVersion,
                teacherFingerprint, JsonFiles.write(modelDetails.isEmpty() ? head.fit() : details), temperature,
                run.runId(), new Timestamp(System.currentTimeMillis()));
        JavaRDD<Row> rows = featured.map(t -> SyntheticSchema.toRow(t._1(), head.answer(t._2(), temperature),
                provenance));
        SyntheticStore.of(run).append(run.spark().createDataFrame(rows, SyntheticSchema.SCHEMA));
        return new GenerationCounts(count, Map.of(), Map.of(), 0, 0, count, fitNow, count, 0);
    }
}
