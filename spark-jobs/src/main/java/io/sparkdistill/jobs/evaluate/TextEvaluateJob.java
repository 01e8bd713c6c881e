package io.sparkdistill.jobs.evaluate;

import io.sparkdistill.config.JobConfig;
import io.sparkdistill.evaluate.MemoryMeasurements;
import io.sparkdistill.evaluate.memory.ServingMemoryProbe;
import io.sparkdistill.evaluate.LatencyProbe;
import io.sparkdistill.evaluate.LatencyStats;
import io.sparkdistill.evaluate.ModelEvaluation;
import io.sparkdistill.evaluate.TextComparison;
import io.sparkdistill.evaluate.TextExampleOutputs;
import io.sparkdistill.evaluate.TextModelEvaluation;
import io.sparkdistill.evaluate.baseline.TrivialBaseline;
import io.sparkdistill.evaluate.baseline.TrivialBaselineScores;
import io.sparkdistill.evaluate.text.SacreBleu;
import io.sparkdistill.evaluate.text.TextMetricStatistics;
import io.sparkdistill.ingest.Split;
import io.sparkdistill.ingest.TaskType;
import io.sparkdistill.jobs.InputException;
import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.jobs.RunLayout;
import io.sparkdistill.jobs.store.SyntheticSchema;
import io.sparkdistill.jobs.store.SyntheticStore;
import io.sparkdistill.report.ChangesSincePreviousRun;
import io.sparkdistill.report.RunSummary;
import io.sparkdistill.report.TextHtmlReport;
import io.sparkdistill.report.TextMarkdownReport;
import io.sparkdistill.report.TextMetricsJson;
import io.sparkdistill.student.text.Answerer;
import io.sparkdistill.student.text.StudentCard;
import io.sparkdistill.student.text.TextAnswer;
import io.sparkdistill.student.text.TextExample;
import io.sparkdistill.student.text.TextStudent;
import io.sparkdistill.task.TextTask;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;

/**
 * Stage 3 for the text tasks: the two students (of whichever family trained them) answer the test split on the executors (written to
 * {@code predictions/} with, for conversation, each answer's sentence BLEU); every model is scored against the gold
 * references and each student against the teacher's answers (agreement); speed and memory are measured on the driver
 * as for the label tasks, per example and per generated token. The teacher is judged by the answers it gave during
 * generate, and timed by its recorded calls. The task's trivial baseline is scored beside them, so that a student is
 * seen to beat what a ten-line rule does.
 *
 * <p>No answer set comes back to the driver: corpus metrics (BLEU, chrF) are functions of sums of n-gram counts,
 * and the others of sums of per-example scores, so the task's mergeable statistics are summed on the executors by a
 * tree aggregate ({@link TestSplitStatistics}). Only the worked examples and the latency sample are taken, both
 * bounded.
 */
final class TextEvaluateJob {
    private static final Logger LOG = LoggerFactory.getLogger(TextEvaluateJob.class);
    /** Worked examples shown in the report. */
    private static final int EXAMPLES_SHOWN = 3;

    static final StructType PREDICTIONS = new StructType()
            .add("id", DataTypes.StringType, false)
            .add("inputs", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), false)
            .add("references", DataTypes.createArrayType(DataTypes.StringType, false), false)
            .add("teacher_answer", DataTypes.StringType, false)
            .add("baseline_answer", DataTypes.StringType, false)
            .add("baseline_tokens", DataTypes.IntegerType, false)
            .add("distilled_answer", DataTypes.StringType, false)
            .add("distilled_tokens", DataTypes.IntegerType, false)
            .add("teacher_sentence_bleu", DataTypes.DoubleType, true)
            .add("baseline_sentence_bleu", DataTypes.DoubleType, true)
            .add("distilled_sentence_bleu", DataTypes.DoubleType, true);
    static final int INPUTS = 1;
    private static final int REFERENCES = 2;
    static final int TEACHER = 3;
    static final int BASELINE = 4;
    static final int DISTILLED = 6;

    /** Training examples the trivial baseline is fitted on, at most (it runs on the driver). */
    private static final int TRIVIAL_BASELINE_TRAINING = 10_000;

    private final RunContext run;
    private final TextTask task;
    private final boolean acceptRegression;

    TextEvaluateJob(RunContext run, TextTask task, boolean acceptRegression) {
        this.run = run;
        this.task = task;
        this.acceptRegression = acceptRegression;
    }

    String run() {
        long start = System.nanoTime();
        JobConfig config = run.config();
        TextTask task = this.task;
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(run.spark().sparkContext());
        sc.setJobGroup("evaluate", "spark-distill evaluate " + config.name(), false);
        Dataset<Row> synthetic = SyntheticStore.of(run).read();
        Dataset<Row> test = synthetic.where(col("split").equalTo(Split.TEST.configName()));

        LoadedStudent<TextStudent> baseline = LoadedStudent.load(run, RunLayout.BASELINE, task::loadStudent);
        LoadedStudent<TextStudent> distilled = LoadedStudent.load(run, RunLayout.DISTILLED, task::loadStudent);
        Broadcast<TextStudent> baselineB = sc.broadcast(baseline.model());
        Broadcast<TextStudent> distilledB = sc.broadcast(distilled.model());
        JavaRDD<Row> predictions = test.javaRDD().mapPartitions(rows -> {
            Answerer b = baselineB.value().newAnswerer();
            Answerer d = distilledB.value().newAnswerer();
            List<Row> out = new ArrayList<>();
            rows.forEachRemaining(r -> out.add(predict(r, task, b, d)));
            return out.iterator();
        });
        predictions.persist(StorageLevel.MEMORY_AND_DISK());
        run.spark().createDataFrame(predictions, PREDICTIONS).write().mode(SaveMode.Overwrite)
                .parquet(run.layout().predictions());
        TrivialBaseline rule = task.trivialBaseline();
        Broadcast<Answerer> trivialB = sc.broadcast(rule.fit(trivialBaselineTraining(synthetic)));
        TestSplitStatistics scores = predictions.treeAggregate(new TestSplitStatistics(task),
                (s, r) -> s.add(r, trivialB.value()), TestSplitStatistics::merge);
        List<Row> shown = predictions.take(EXAMPLES_SHOWN);
        predictions.unpersist(false);
        trivialB.destroy();
        if (scores.count() == 0) {
            throw new InputException("the test split in " + run.layout().synthetic()
                    + " is empty: no example of it has an accepted answer; see the generate summary, then run "
                    + "generate");
        }

        List<Row> sampleRows = test.limit(config.evaluation().latencyExamples()).collectAsList();
        List<Map<String, String>> sample = sampleRows.stream().map(r -> SyntheticSchema.example(r).inputs()).toList();
        // The text tasks' teacher is an API teacher: not run here, its memory unknown.
        MemoryMeasurements memory = ModelMemory.measure(run, task.type(), sample, Map.of(
                RunLayout.BASELINE, new ServingMemoryProbe.Model("text_student", List.of(baseline.folder().toString())),
                RunLayout.DISTILLED, new ServingMemoryProbe.Model("text_student",
                        List.of(distilled.folder().toString()))));
        TextModelEvaluation teacher = teacher(sampleRows, scores.teacher.metrics());
        TextModelEvaluation baselineEval = student(baseline, sample, scores.baseline, scores.baselineAgreement,
                memory.memoryBytes(RunLayout.BASELINE));
        TextModelEvaluation distilledEval = student(distilled, sample, scores.distilled, scores.distilledAgreement,
                memory.memoryBytes(RunLayout.DISTILLED));
        List<TextModelEvaluation> models = List.of(teacher, baselineEval, distilledEval);
        TextComparison comparison = TextComparison.of(task.type(), task.primaryMetric(), teacher, baselineEval,
                distilledEval);
        TrivialBaselineScores trivial = new TrivialBaselineScores(rule.description(), scores.trivial.metrics());

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("student", baseline.model().card().family() + ": " + baseline.model().card().settings());
        details.put("corpus_metrics_over", scores.count() + " test examples");
        details.put("memory", memory);
        RunSummary summary = RunSummaries.of(run, (System.nanoTime() - start) / 1e9, details, test);
        TaskType type = task.type();
        PreviousRun previous = PreviousRun.compare(run, TextMetricsJson.render(summary, type, models, trivial,
                comparison, ChangesSincePreviousRun.none(config.evaluation().regressionTolerance())), acceptRegression);
        ChangesSincePreviousRun changes = previous.changes();
        List<TextExampleOutputs> examples = shown.stream().map(r -> new TextExampleOutputs(
                r.getString(0), task.describeInputs(r.getJavaMap(1)), references(r),
                r.getString(TEACHER), r.getString(BASELINE), r.getString(DISTILLED))).toList();
        previous.keep(TextMetricsJson.render(summary, type, models, trivial, comparison, changes));
        run.storage().writeString(run.layout().report(), TextMarkdownReport.render(summary, type, models, trivial,
                comparison, changes, examples));
        run.storage().writeString(run.layout().htmlReport(), TextHtmlReport.render(summary, type, models, trivial,
                comparison, changes, examples));
        LOG.info("[evaluate] trivial baseline ({}): {} {}", trivial.description(), comparison.primaryMetric(),
                format(trivial.quality().get(comparison.primaryMetric())));
        String primary = comparison.primaryMetric();
        LOG.info("[evaluate] {}: teacher {}, baseline {}, distilled {} ({}% of the teacher), {}x faster per example",
                primary, format(teacher.quality().get(primary)), format(baselineEval.quality().get(primary)),
                format(distilledEval.quality().get(primary)), format(comparison.retainedPercent()),
                format(comparison.speedupP50()));
        previous.judge();
        return run.layout().report();
    }

    /** The references of a prediction row built by {@link #predict} (not read back from Parquet: a Java array). */
    static List<String> references(Row prediction) {
        return List.of((String[]) prediction.get(REFERENCES));
    }

    private static String format(Double value) {
        return value == null ? "n/a" : String.format("%.2f", value);
    }

    /** One test example answered by both students; conversation rows carry each answer's sentence BLEU. */
    private static Row predict(Row r, TextTask task, Answerer baseline, Answerer distilled) {
        Map<String, String> inputs = r.getJavaMap(r.fieldIndex("inputs"));
        List<String> references = task.references(r.getString(r.fieldIndex("label")));
        String teacher = task.trainingTarget(r.getString(r.fieldIndex("teacher_label")),
                r.getString(r.fieldIndex("teacher_rationale")));
        TextAnswer b = baseline.answer(inputs);
        TextAnswer d = distilled.answer(inputs);
        boolean bleu = task.sentenceBleu();
        return RowFactory.create(r.getString(r.fieldIndex("id")), SyntheticSchema.scalaMap(inputs),
                references.toArray(String[]::new), teacher, b.text(), b.generatedTokens(), d.text(),
                d.generatedTokens(), bleu ? SacreBleu.sentenceBleu(teacher, references).score() : null,
                bleu ? SacreBleu.sentenceBleu(b.text(), references).score() : null,
                bleu ? SacreBleu.sentenceBleu(d.text(), references).score() : null);
    }

    /**
     * A student: quality from its answers on the executors; latency (per example and per generated token) and
     * throughput from answering the sample here, one example at a time on one thread after a warm-up.
     */
    private TextModelEvaluation student(LoadedStudent<TextStudent> loaded, List<Map<String, String>> sample,
                                        TextMetricStatistics quality, TextMetricStatistics agreement,
                                        long memoryBytes) {
        TextStudent student = loaded.model();
        Answerer answerer = student.newAnswerer();
        LatencyProbe.GenerationLatency latency = LatencyProbe.measureGeneration(sample,
                run.config().evaluation().warmupExamples(), inputs -> answerer.answer(inputs).generatedTokens());
        double throughput = LatencyProbe.throughput(sample, run.config().teacher().batchSize(),
                batch -> batch.forEach(answerer::answer));
        StudentCard card = student.card();
        String description = card.family() + " student " + card.settings();
        return new TextModelEvaluation(card.kind(), description, quality.metrics(), agreement.metrics(),
                latency.perExample(),
                latency.perToken(), latency.meanTokens(), throughput, student.parameterCount(),
                loaded.sizeOnDiskBytes(), memoryBytes);
    }

    /**
     * What the task's trivial baseline ({@link TextTask#trivialBaseline()}) is fitted on, on the driver: the gold
     * answers of up to {@value #TRIVIAL_BASELINE_TRAINING} training examples. The fitted rule answers the test split
     * on the executors.
     */
    private List<TextExample> trivialBaselineTraining(Dataset<Row> synthetic) {
        return synthetic.where(col("split").equalTo(Split.TRAIN.configName()))
                .select("inputs", "label").limit(TRIVIAL_BASELINE_TRAINING).collectAsList().stream()
                .map(r -> {
                    List<String> gold = task.references(r.getString(1));
                    return TextExample.of(r.getJavaMap(0), gold.get(0), gold);
                }).toList();
    }

    /**
     * The teacher behind an API, judged by the answers it gave during generate and timed by those calls (queueing
     * and retries included): per token by each call's completion tokens. Its size and memory are unknown.
     */
    private static TextModelEvaluation teacher(List<Row> sampleRows, Map<String, Double> quality) {
        List<Double> millis = new ArrayList<>();
        List<Double> perToken = new ArrayList<>();
        long tokens = 0;
        for (Row r : sampleRows) {
            if (r.isNullAt(r.fieldIndex("latency_ms"))) {
                continue;
            }
            double ms = r.getLong(r.fieldIndex("latency_ms"));
            millis.add(ms);
            if (!r.isNullAt(r.fieldIndex("completion_tokens")) && r.getInt(r.fieldIndex("completion_tokens")) > 0) {
                int n = r.getInt(r.fieldIndex("completion_tokens"));
                perToken.add(ms / n);
                tokens += n;
            }
        }
        String name = sampleRows.isEmpty() ? "API teacher" : sampleRows.get(0).getString(
                sampleRows.get(0).fieldIndex("teacher_name"));
        // Answers all taken from the answer cache were not timed in this run folder.
        LatencyStats latency = millis.isEmpty() ? new LatencyStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN) : LatencyStats.fromMillis(millis.stream().mapToDouble(Double::doubleValue).toArray());
        return new TextModelEvaluation(ModelEvaluation.TEACHER, name + " (latency of its calls during generate)",
                quality, Map.of(), latency,
                perToken.isEmpty() ? null : LatencyStats.fromMillis(perToken.stream().mapToDouble(Double::doubleValue)
                        .toArray()), perToken.isEmpty() ? Double.NaN : (double) tokens / perToken.size(), Double.NaN,
                ModelEvaluation.UNKNOWN, ModelEvaluation.UNKNOWN, ModelEvaluation.UNKNOWN);
    }
}
