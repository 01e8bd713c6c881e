package io.sparkdistill.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdistill.config.ConfigLoader;
import io.sparkdistill.config.ConfigOverrides;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.jobs.evaluate.EvaluateJob;
import io.sparkdistill.jobs.generate.GenerateJob;
import io.sparkdistill.jobs.store.GenerateSummary;
import io.sparkdistill.jobs.train.TrainJob;
import io.sparkdistill.student.StudentModel;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The NLI sample through all three stages: sentence-pair features for the teacher, pair features for the student. */
@Tag("slow")
class NliPipelineTest {

    @Test
    void nliRunsEndToEndWithPairFeaturesAndThreeLabels() throws Exception {
        SparkSession spark = SharedSpark.session();
        Path data = TestJobs.copySamples("nli");
        // Fewer epochs than conf/nli.yaml: this test checks the NLI wiring, the customer-support test the quality.
        JobConfig config = ConfigLoader.parse(TestJobs.yaml("nli", data), "nli.yaml",
                ConfigOverrides.of(Map.of(), List.of("hyperparameters.num_epochs=5")));
        RunContext run = RunContext.create(config, spark);
        RunLayout layout = run.layout();

        GenerateSummary generated = new GenerateJob(run).run();
        long rows = Files.readAllLines(data.resolve("train.jsonl")).size()
                + Files.readAllLines(data.resolve("validation.jsonl")).size()
                + Files.readAllLines(data.resolve("test.jsonl")).size();
        assertEquals(rows, generated.generated());
        Row row = spark.read().parquet(layout.synthetic()).first();
        assertEquals(3, row.getList(row.fieldIndex("teacher_probabilities")).size());
        assertTrue(Files.readString(Path.of(layout.teacherHead())).contains("\"labels\""));

        new TrainJob(run).run();
        new EvaluateJob(run).run();

        JsonNode metrics = new ObjectMapper().readTree(Files.readString(Path.of(layout.metrics())));
        double teacher = metrics.at("/models/teacher/scores/accuracy").asDouble();
        double distilled = metrics.at("/models/distilled/scores/accuracy").asDouble();
        System.out.printf("nli: teacher %.3f, baseline %.3f, distilled %.3f%n", teacher,
                metrics.at("/models/baseline/scores/accuracy").asDouble(), distilled);
        assertTrue(teacher > 0.5, "the teacher is well above chance (1/3): " + teacher);
        assertTrue(distilled > 0.45, "the student is well above chance (1/3) after 5 epochs: " + distilled);

        StudentModel student = StudentModel.load(Path.of(layout.model("distilled")));
        StudentModel.Prediction p = student.predict("A man is playing a guitar on stage.",
                "A man is playing an instrument.");
        assertEquals(3, p.byLabel().size());
        assertEquals(1.0, p.byLabel().values().stream().mapToDouble(Float::doubleValue).sum(), 1e-5);
    }
}
