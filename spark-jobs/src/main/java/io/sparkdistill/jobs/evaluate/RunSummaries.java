package io.sparkdistill.jobs.evaluate;

import io.sparkdistill.config.ApiTeacherConfig;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.jobs.JsonFiles;
import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.jobs.provenance.RunProvenances;
import io.sparkdistill.jobs.store.GenerateSummary;
import io.sparkdistill.jobs.store.TrainSummary;
import io.sparkdistill.report.RunSummary;
import io.sparkdistill.report.TrainingCurve;
import io.sparkdistill.student.search.RecipeSearchRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a report says about the whole run: read from the summaries the generate and train stages left in the run
 * folder (a stage run alone still reports what the earlier stages did), plus what evaluate adds.
 */
final class RunSummaries {

    private RunSummaries() {
    }

    /**
     * The run's summary; {@code evaluateDetails} are added to its details after the run folder and the synthetic data,
     * and its provenance names the teacher {@code evaluated} (the synthetic rows evaluated on) recorded.
     */
    static RunSummary of(RunContext run, double evaluateSeconds, Map<String, Object> evaluateDetails,
                         Dataset<Row> evaluated) {
        JobConfig config = run.config();
        Map<String, Long> inputs = Map.of();
        Map<String, Long> quarantined = Map.of();
        Map<String, Long> overlap = Map.of();
        long teacherCalls = 0;
        long synthetic = 0;
        Map<String, Object> accounting = new LinkedHashMap<>();
        Map<String, Double> stageSeconds = new LinkedHashMap<>();
        // A stage run alone still reports what the earlier stages of this run folder did.
        if (run.storage().exists(run.layout().generateSummary())) {
            GenerateSummary generate = JsonFiles.read(run.storage().readString(run.layout().generateSummary()),
                    GenerateSummary.class);
            inputs = generate.validBySplit();
            quarantined = generate.quarantinedByReason();
            overlap = generate.splitOverlap();
            teacherCalls = generate.teacherCalls();
            synthetic = generate.alreadyGenerated() + generate.generated();
            stageSeconds.put("generate", generate.seconds());
            if (config.teacher() instanceof ApiTeacherConfig) {
                generate.rejectedByReason().forEach((reason, n) -> accounting.put("rejected: " + reason, n));
                generate.failedByKind().forEach((kind, n) -> accounting.put("failed: " + kind, n));
                accounting.put("calls with retries", generate.attempts());
                accounting.put("answers reused (cache or same prompt)", generate.answersReused());
                accounting.put("prompt tokens", generate.promptTokens());
                accounting.put("completion tokens", generate.completionTokens());
                accounting.put("estimated cost", generate.estimatedCost());
            }
        }
        List<TrainingCurve> training = new ArrayList<>();
        RecipeSearchRecord search = null;
        if (run.storage().exists(run.layout().trainSummary())) {
            TrainSummary train = JsonFiles.read(run.storage().readString(run.layout().trainSummary()),
                    TrainSummary.class);
            search = train.search();
            train.students().forEach((kind, student) -> stageSeconds.put("train " + kind, student.seconds()));
            train.students().forEach((kind, student) -> training.add(new TrainingCurve(kind,
                    student.plannedEpochs(), student.bestEpoch(), student.stoppedEarly(), student.epochs().stream()
                    .map(e -> new TrainingCurve.Epoch(e.epoch(), e.trainingLoss(), e.validationAccuracy())).toList())));
        }
        stageSeconds.put("evaluate", evaluateSeconds);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("run_dir", run.layout().root());
        details.put("synthetic", run.layout().synthetic());
        details.putAll(evaluateDetails);
        return new RunSummary(config.name(), config.task().configName(), run.runId(), config.labels(),
                config.hyperparameters().asMap(), inputs, quarantined, overlap, teacherCalls, synthetic, accounting,
                stageSeconds, details, RunProvenances.of(run, evaluated), training, search);
    }
}
