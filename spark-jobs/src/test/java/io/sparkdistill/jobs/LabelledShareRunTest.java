package io.sparkdistill.jobs;

import io.sparkdistill.config.ConfigLoader;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.ingest.LabelledShare;
import io.sparkdistill.jobs.generate.GenerateJob;
import io.sparkdistill.jobs.store.TrainSummary;
import io.sparkdistill.jobs.train.TrainJob;
import io.sparkdistill.provenance.EffectiveConfig;
import io.sparkdistill.provenance.InputFile;
import io.sparkdistill.provenance.Provenance;
import io.sparkdistill.student.StudentModel;
import io.sparkdistill.teacher.LinearHead;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * data.labelled_fraction on the customer-support sample: the teacher's head is fitted on the labelled share of the
 * training split, the baseline trains on that share alone, the distilled student on the whole split. The same run's
 * student shows the provenance every saved student carries.
 */
@Tag("slow")
class LabelledShareRunTest {

    @Test
    void theTeacherAndTheBaselineSeeOnlyTheLabelledShareAndTheDistilledStudentSeesEveryTrainingExample()
            throws Exception {
        SparkSession spark = SharedSpark.session();
        Path data = TestJobs.copySamples("customer-support");
        JobConfig config = ConfigLoader.parse(TestJobs.yaml("customer-support", data)
                .replace("  max_bad_row_share: 0.05", "  max_bad_row_share: 0.05\n  labelled_fraction: 0.25\n"
                        + "  labelled_seed: 3")
                .replace("num_epochs: 10", "num_epochs: 2"), "labelled share test");
        RunLayout layout = RunLayout.of(config);
        RunContext run = RunContext.create(config, spark);
        new GenerateJob(run).run();

        LabelledShare share = config.data().labelledShare();
        var trainIds = spark.read().parquet(layout.synthetic()).where(col("split").equalTo("train"))
                .select("id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
        long labelled = trainIds.stream().filter(share::includes).count();
        assertTrue(labelled > 0.15 * trainIds.size() && labelled < 0.35 * trainIds.size(),
                labelled + " of " + trainIds.size() + " training examples labelled");

        LinearHead head = LinearHead.fromJson(Files.readString(Path.of(layout.teacherHead())));
        assertEquals(labelled, head.fit().trainExamples(), "the head is fitted on the labelled share only");

        TrainSummary summary = new TrainJob(run).run();
        assertEquals(labelled, summary.students().get(RunLayout.BASELINE).trainingExamples());
        assertEquals(trainIds.size(), summary.students().get(RunLayout.DISTILLED).trainingExamples());
        StudentModel distilled = StudentModel.load(Path.of(layout.model(RunLayout.DISTILLED)));
        assertEquals(0.25, ((Number) distilled.metadata().training().get("labelled_fraction")).doubleValue());
        assertRecordsHowItWasMade(distilled.metadata().provenance(), run, data);
    }

    /** The student's provenance, checked on this run's student rather than on a slow run of its own. */
    private static void assertRecordsHowItWasMade(Provenance provenance, RunContext run, Path data) throws Exception {
        assertEquals(run.runId(), provenance.runId());
        assertEquals(EffectiveConfig.of(run.config()), provenance.config());
        assertEquals(0.25, provenance.config().config().at("/data/labelled_fraction").asDouble());
        assertEquals(run.config().hyperparameters().seed(), provenance.seed());
        assertEquals(2, provenance.hyperparameters().get("num_epochs"));
        assertEquals(run.spark().version(), provenance.runtime().spark());
        assertTrue(provenance.project().version().matches("\\d+\\.\\d+\\.\\d+.*"), provenance.project().toString());
        assertEquals(run.runId(), provenance.teacher().generatedByRun(), "the teacher of this run's generate");
        assertTrue(provenance.teacher().fingerprint() != null && !provenance.teacher().fingerprint().isBlank());
        // Every input file, with the size and SHA-256 of its bytes on disk.
        Path train = Path.of(run.config().data().train());
        InputFile recorded = provenance.inputs().stream().filter(f -> f.path().endsWith(train.getFileName()
                .toString())).findFirst().orElseThrow(() -> new AssertionError(provenance.inputs().toString()));
        byte[] bytes = Files.readAllBytes(train);
        assertEquals(bytes.length, recorded.bytes());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)), recorded.sha256());
        assertEquals(3, provenance.inputs().size(), "train, validation and test: " + provenance.inputs());
        assertTrue(provenance.inputs().stream().allMatch(f -> f.path().contains(data.getFileName().toString())),
                provenance.inputs().toString());
    }
}
