package io.sparkdistill.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkdistill.config.ConfigLoader;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.ingest.Example;
import io.sparkdistill.jobs.cli.DistillMain;
import io.sparkdistill.jobs.evaluate.EvaluateJob;
import io.sparkdistill.jobs.generate.GenerateJob;
import io.sparkdistill.jobs.store.SyntheticSchema;
import io.sparkdistill.jobs.store.TrainSummary;
import io.sparkdistill.jobs.train.TrainJob;
import io.sparkdistill.student.StudentMetadata;
import io.sparkdistill.student.StudentModel;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A job run night after night in one run folder: training stops when validation accuracy stalls and keeps the best
 * epoch, the evaluation writes report.html, and the next evaluation compares itself with the previous one, keeps
 * that one's metrics under history/ and, when asked, fails on a quality drop, and keeps failing until the drop is
 * fixed or accepted. Students saved by different train runs are not compared.
 */
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NightlyRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PATIENCE = 2;
    private static final int PLANNED_EPOCHS = 30;

    private static SparkSession spark;
    private static String yaml;
    private static JobConfig config;
    private static RunLayout layout;

    @BeforeAll
    static void prepare() throws Exception {
        spark = SharedSpark.session();
        Path data = TestJobs.copySamples("customer-support");
        // A large step and many planned epochs: validation accuracy peaks early, then wanders below the peak.
        yaml = TestJobs.yaml("customer-support", data)
                .replaceFirst("learning_rate: 0.01", "learning_rate: 0.2")
                .replaceFirst("num_epochs: 10", "num_epochs: " + PLANNED_EPOCHS)
                .replaceFirst("early_stopping_patience: 3", "early_stopping_patience: " + PATIENCE)
                .replaceFirst("latency_examples: 300", "latency_examples: 60")
                .replaceFirst("warmup_examples: 100", "warmup_examples: 20");
        config = ConfigLoader.parse(yaml, "nightly (test copy)");
        layout = RunLayout.of(config);
        new GenerateJob(RunContext.create(config, spark)).run();
    }

    @Test
    @Order(1)
    void trainingStopsWhenValidationAccuracyStallsAndSavesTheBestEpoch() throws Exception {
        TrainSummary summary = new TrainJob(RunContext.create(config, spark)).run();
        TrainSummary.StudentRun distilled = summary.students().get(RunLayout.DISTILLED);
        List<Double> curve = distilled.epochs().stream().map(TrainSummary.Epoch::validationAccuracy).toList();
        System.out.println("distilled validation accuracy by epoch: " + curve + ", kept epoch "
                + distilled.bestEpoch());

        assertTrue(distilled.stoppedEarly(), "stopped before " + PLANNED_EPOCHS + " epochs: " + curve);
        assertEquals(curve.size(), distilled.epochsRun());
        assertEquals(distilled.bestEpoch() + PATIENCE, distilled.epochsRun(), "stopped " + PATIENCE
                + " epochs after the best");
        double best = curve.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        assertEquals(best, curve.get(distilled.bestEpoch() - 1), "the kept epoch is the first at the peak");
        // Stalled, not necessarily fallen: since Adam's state is carried across averaging rounds the curve can hold
        // its peak (e.g. 0.932, 0.932, 0.946, 0.986, 0.986, 0.986); the first epoch at the peak is still the one kept.
        assertTrue(curve.subList(distilled.bestEpoch(), curve.size()).stream().allMatch(a -> a <= best),
                "no epoch after the kept one is better: " + curve);

        StudentModel saved = StudentModel.load(Path.of(layout.model(RunLayout.DISTILLED)));
        // Epochs' accuracies differ by at least one example in 147; the delta only absorbs how the mean was summed.
        assertEquals(best, validationAccuracy(saved), 1e-9, "the saved student is the best epoch's, not the last's");

        Map<String, Object> training = StudentMetadata.read(Path.of(layout.model(RunLayout.DISTILLED),
                StudentMetadata.FILE_NAME)).training();
        assertEquals(distilled.epochsRun(), training.get("epochs_run"));
        assertEquals(distilled.bestEpoch(), training.get("best_epoch"));
        assertEquals(true, training.get("stopped_early"));
        assertEquals(curve, training.get("validation_accuracy_by_epoch"));
        JsonNode written = JSON.readTree(Files.readString(Path.of(layout.trainSummary())))
                .at("/students/distilled");
        assertEquals(distilled.bestEpoch(), written.get("best_epoch").asInt());
        assertTrue(written.get("stopped_early").asBoolean());
    }

    @Test
    @Order(2)
    void theFirstEvaluationWritesReportHtmlBesideTheOthersWithNothingToCompare() throws Exception {
        new EvaluateJob(RunContext.create(config, spark)).run();

        String html = Files.readString(Path.of(layout.htmlReport()));
        Document page = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        assertEquals(5, page.getElementsByTagName("svg").getLength(), "every chart, the validation curve included");
        JsonNode metrics = JSON.readTree(Files.readString(Path.of(layout.metrics())));
        assertTrue(metrics.get("since_previous_run").isNull());
        JsonNode training = metrics.at("/training/distilled");
        assertTrue(training.get("stopped_early").asBoolean());
        assertEquals(PATIENCE, metrics.at("/summary/hyperparameters/early_stopping_patience").asInt());
        String md = Files.readString(Path.of(layout.report()));
        assertTrue(md.contains("| Distilled student | " + training.get("epochs_run").asInt() + " of "
                + PLANNED_EPOCHS + " | " + training.get("best_epoch").asInt() + " |"), md);
        assertTrue(md.contains("| learning_rate | 0.2 |"));
        assertTrue(md.contains("This is the job's first evaluated run"));
    }

    @Test
    @Order(3)
    void theNextEvaluationFlagsADropSinceThePreviousRunAndKeepsItsMetrics() throws Exception {
        String better = previousRunThatWasBetter("nightly-yesterday");

        new EvaluateJob(RunContext.create(config, spark)).run();

        assertEquals(better, Files.readString(Path.of(layout.previousMetrics("nightly-yesterday"))));
        JsonNode since = JSON.readTree(Files.readString(Path.of(layout.metrics()))).get("since_previous_run");
        assertEquals("nightly-yesterday", since.get("previous_run_id").asText());
        assertEquals(List.of("models.distilled.scores.accuracy"), JSON.convertValue(since.get("regressions"),
                List.class));
        assertTrue(Files.readString(Path.of(layout.report())).contains("**Regression: 1 metric dropped by more "
                + "than 0.010: Distilled student accuracy.**"));
        assertTrue(Files.readString(Path.of(layout.htmlReport())).contains("<p class=\"regression\">Regression "
                + "since run nightly-yesterday: Distilled student accuracy dropped"));
    }

    @Test
    @Order(4)
    void withFailOnRegressionTheEvaluateCommandExitsNonZeroNamingTheMetricAfterWritingTheReport() throws Exception {
        String baseline = previousRunThatWasBetter("nightly-yesterday-2");
        Files.delete(Path.of(layout.htmlReport()));

        Evaluation failed = evaluate(failingJob());

        assertEquals(1, failed.code(), failed.err());
        assertTrue(failed.err().contains("quality dropped since run nightly-yesterday-2 by more than "
                + "evaluation.regression_tolerance (0.01): models.distilled.scores.accuracy"), failed.err());
        assertTrue(failed.err().contains("this evaluation's metrics are in " + layout.rejectedMetrics()),
                failed.err());
        assertTrue(Files.exists(Path.of(layout.htmlReport())), "the report is written before the failure");
        assertTrue(Files.exists(Path.of(layout.previousMetrics("nightly-yesterday-2"))));
        assertEquals(baseline, Files.readString(Path.of(layout.metrics())), "the accepted baseline is kept");
        assertFalse(JSON.readTree(Files.readString(Path.of(layout.rejectedMetrics())))
                .at("/since_previous_run/regressions").isEmpty());
    }

    @Test
    @Order(5)
    void aRerunOfTheFailingEvaluationFailsAgainUntilTheDropIsAcceptedOnTheCommandLine() throws Exception {
        String baseline = Files.readString(Path.of(layout.metrics()));

        Evaluation retried = evaluate(failingJob());

        assertEquals(1, retried.code(), "a scheduler's retry does not ship the regression: " + retried.err());
        assertTrue(retried.err().contains("quality dropped since run nightly-yesterday-2"), retried.err());
        assertEquals(baseline, Files.readString(Path.of(layout.metrics())));

        Evaluation accepted = evaluate(failingJob(), "--accept");

        assertEquals(0, accepted.code(), accepted.err());
        JsonNode metrics = JSON.readTree(Files.readString(Path.of(layout.metrics())));
        assertEquals("nightly-yesterday-2", metrics.at("/since_previous_run/previous_run_id").asText());
        assertFalse(metrics.at("/since_previous_run/regressions").isEmpty(), "the drop is still on record");
        assertFalse(Files.exists(Path.of(layout.rejectedMetrics())), "nothing is left rejected");

        Evaluation next = evaluate(failingJob());

        assertEquals(0, next.code(), "compared with the accepted run, nothing dropped: " + next.err());
        assertEquals(metrics.at("/summary/run_id").asText(), JSON.readTree(Files.readString(
                Path.of(layout.metrics()))).at("/since_previous_run/previous_run_id").asText());
    }

    @Test
    @Order(6)
    void evaluateRefusesStudentsOfDifferentTrainRunsUnlessTold() throws Exception {
        Path card = Path.of(layout.model(RunLayout.DISTILLED), StudentMetadata.FILE_NAME);
        ObjectNode distilled = (ObjectNode) JSON.readTree(Files.readString(card));
        String trainRun = distilled.at("/provenance/run_id").asText();
        // What a train killed between its two students leaves: a new baseline beside last night's distilled one.
        ((ObjectNode) distilled.get("provenance")).put("run_id", "nightly-last-week");
        Files.writeString(card, JSON.writeValueAsString(distilled));
        String metrics = Files.readString(Path.of(layout.metrics()));

        Evaluation refused = evaluate(failingJob());

        assertEquals(2, refused.code(), refused.err());
        assertTrue(refused.err().startsWith("error: the baseline student (" + layout.model(RunLayout.BASELINE)
                + ") comes from train run " + trainRun + " and the distilled student ("
                + layout.model(RunLayout.DISTILLED) + ") from train run nightly-last-week"), refused.err());
        assertTrue(refused.err().contains("Train both again (distill train --config ...), or pass "
                + "--allow-mixed-runs"), refused.err());
        assertEquals(metrics, Files.readString(Path.of(layout.metrics())), "nothing was evaluated");

        assertEquals(0, evaluate(failingJob(), "--allow-mixed-runs").code());
    }

    /** The job with {@code evaluation.fail_on_regression: true}. */
    private static Path failingJob() throws Exception {
        return Files.writeString(Files.createTempFile("nightly-", ".yaml"),
                yaml.replaceFirst("fail_on_regression: false", "fail_on_regression: true"));
    }

    private record Evaluation(int code, String err) {
    }

    /** {@code distill evaluate --config job} with {@code options}. */
    private static Evaluation evaluate(Path job, String... options) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("evaluate", "--config", job.toString()));
        args.addAll(List.of(options));
        int code = DistillMain.run(args.toArray(String[]::new),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Evaluation(code, err.toString(StandardCharsets.UTF_8));
    }

    /** Rewrites metrics.json as if an earlier run {@code runId} had a distilled student 5 points better. */
    private static String previousRunThatWasBetter(String runId) throws Exception {
        ObjectNode previous = (ObjectNode) JSON.readTree(Files.readString(Path.of(layout.metrics())));
        ((ObjectNode) previous.get("summary")).put("run_id", runId);
        ObjectNode scores = (ObjectNode) previous.at("/models/distilled/scores");
        scores.put("accuracy", scores.get("accuracy").asDouble() + 0.05);
        String text = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(previous);
        Files.writeString(Path.of(layout.metrics()), text);
        return text;
    }

    /** The saved student's accuracy on the validation rows, computed here as TrainJob computes it. */
    private static double validationAccuracy(StudentModel student) {
        List<Row> rows = spark.read().parquet(layout.synthetic()).where(col("split").equalTo("validation"))
                .collectAsList();
        long correct = rows.stream().map(SyntheticSchema::example)
                .filter((Example e) -> student.predict(e.segments()).label().equals(e.label())).count();
        return (double) correct / rows.size();
    }
}
