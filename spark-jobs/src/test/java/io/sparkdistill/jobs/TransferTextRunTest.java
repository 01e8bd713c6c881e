package io.sparkdistill.jobs;

import io.sparkdistill.config.ConfigLoader;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.jobs.generate.GenerateJob;
import io.sparkdistill.jobs.store.TrainSummary;
import io.sparkdistill.jobs.train.TrainJob;
import io.sparkdistill.student.StudentModel;
import io.sparkdistill.teacher.LinearHead;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The levers for a hard case, switched on together on the customer-support sample: unlabelled transfer text and
 * augmented copies of the training examples, labelled by the teacher alone, and a cnn student whose word vectors
 * start from the teacher's.
 */
@Tag("slow")
class TransferTextRunTest {

    @Test
    void transferTextAndAugmentedCopiesAreTeacherLabelledAndTeachOnlyTheDistilledCnnStudent() throws Exception {
        SparkSession spark = SharedSpark.session();
        Path data = TestJobs.copySamples("customer-support");
        // a small training split keeps the teacher's work (200 rows, 30 transfer texts, ~400 copies) short
        List<String> trainLines = Files.readAllLines(data.resolve("train.jsonl")).subList(0, 200);
        Files.write(data.resolve("train.jsonl"), trainLines);
        List<String> unlabelled = new ArrayList<>();
        for (String line : trainLines.subList(0, 30)) {
            String text = line.substring(line.indexOf("\"text\": \"") + 9, line.indexOf("\", \"label\""));
            unlabelled.add("{\"text\": \"Hello there. " + text + "\"}");
        }
        Files.write(data.resolve("transfer.jsonl"), unlabelled);
        JobConfig config = ConfigLoader.parse(TestJobs.yaml("customer-support", data)
                .replace("  max_bad_row_share: 0.05", "  max_bad_row_share: 0.05\n  transfer: " + data.resolve(
                        "transfer.jsonl") + "\n  augmentation: {copies: 2, seed: 5}")
                .replace("student:\n", "student:\n  architecture: cnn\n  filters: 32\n  init_from_teacher: true\n")
                .replace("num_epochs: 10", "num_epochs: 2"), "transfer text test");
        RunLayout layout = RunLayout.of(config);
        RunContext run = RunContext.create(config, spark);
        new GenerateJob(run).run();

        Dataset<Row> synthetic = spark.read().parquet(layout.synthetic());
        long train = synthetic.where(col("split").equalTo("train")).count();
        Dataset<Row> transfer = synthetic.where(col("split").equalTo("transfer"));
        long copies = transfer.where(col("source_file").contains("#copy=")).count();
        long transferRows = transfer.count();
        assertEquals(30, transferRows - copies, "every transfer text is answered by the teacher");
        assertTrue(copies > train && copies <= 2 * train, copies + " augmented copies of " + train + " examples");
        assertEquals(0, transfer.where(col("label").isNotNull()).count(), "transfer rows carry no gold label");
        assertEquals(transferRows, transfer.where(col("teacher_label").isNotNull()).count());

        LinearHead head = LinearHead.fromJson(Files.readString(Path.of(layout.teacherHead())));
        assertEquals(train, head.fit().trainExamples(), "the teacher's head never sees transfer text");

        TrainSummary summary = new TrainJob(run).run();
        assertEquals(train, summary.students().get(RunLayout.BASELINE).trainingExamples());
        assertEquals(train + transferRows, summary.students().get(RunLayout.DISTILLED).trainingExamples());
        StudentModel distilled = StudentModel.load(Path.of(layout.model(RunLayout.DISTILLED)));
        assertTrue(distilled.metadata().isCnn());
        assertTrue(distilled.metadata().describe().contains("word vectors from the teacher"),
                distilled.metadata().describe());
        assertTrue(distilled.parameterCount() < 2_000_000, distilled.parameterCount() + " parameters");
        assertTrue(distilled.labels().contains(distilled.predict("I was charged twice for my order").label()));
    }
}
