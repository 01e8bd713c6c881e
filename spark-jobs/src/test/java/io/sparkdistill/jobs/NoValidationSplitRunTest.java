package io.sparkdistill.jobs;

import io.sparkdistill.config.ConfigLoader;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.jobs.generate.GenerateJob;
import io.sparkdistill.jobs.store.TrainSummary;
import io.sparkdistill.jobs.train.TrainJob;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code data.validation} is optional: a label job without it trains every epoch and keeps the last (there is nothing
 * to stop early on), instead of failing on the empty split (the driver-heap benchmark's jobs have no validation
 * split, and its 10k-row train stage failed with Spark's "empty collection" before this was fixed).
 */
@Tag("slow")
class NoValidationSplitRunTest {

    @Test
    void aLabelJobWithoutAValidationSplitTrainsEveryEpochAndKeepsTheLast() throws Exception {
        Path data = TestJobs.copySamples("customer-support");
        Files.delete(data.resolve("validation.jsonl"));
        String yaml = TestJobs.yaml("customer-support", data)
                .replaceAll("(?m)^  validation: .*\\n", "")
                .replace("num_epochs: 10", "num_epochs: 2");
        assertFalse(yaml.contains("validation.jsonl"), yaml);
        JobConfig config = ConfigLoader.parse(yaml, "no validation split (test copy)");
        RunContext run = RunContext.create(config, SharedSpark.session());
        new GenerateJob(run).run();

        TrainSummary summary = new TrainJob(run).run();

        for (TrainSummary.StudentRun student : summary.students().values()) {
            assertEquals(2, student.epochsRun(), student.kind() + " trained every epoch");
            assertEquals(2, student.bestEpoch(), student.kind() + " keeps the last epoch");
            assertFalse(student.stoppedEarly(), student.kind());
            assertTrue(student.epochs().stream().allMatch(e -> Double.isNaN(e.validationAccuracy())),
                    student.kind() + ": no validation accuracy without a validation split");
            assertTrue(Files.exists(Path.of(run.layout().model(student.kind()))), student.kind() + " saved");
        }
    }
}
