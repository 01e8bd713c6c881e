package io.sparkdistill.jobs.evaluate;

import io.sparkdistill.config.LocalTeacherConfig;
import io.sparkdistill.config.ApiTeacherConfig;
import io.sparkdistill.jobs.InputException;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.config.TeacherEntry;
import io.sparkdistill.config.TeacherConfig;
import io.sparkdistill.evaluate.ClassificationMetrics;
import io.sparkdistill.evaluate.DistillationComparison;
import io.sparkdistill.evaluate.LatencyProbe;
import io.sparkdistill.evaluate.LatencyStats;
import io.sparkdistill.evaluate.MemoryMeasurements;
import io.sparkdistill.evaluate.memory.ServingMemoryProbe;
import io.sparkdistill.evaluate.ModelEvaluation;
import io.sparkdistill.ingest.Example;
import io.sparkdistill.ingest.Split;
import io.sparkdistill.config.LocalModelSettings;
import io.sparkdistill.jobs.HadoopFetcher;
import io.sparkdistill.jobs.JsonFiles;
import io.sparkdistill.jobs.InputException;
import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.jobs.RunLayout;
import io.sparkdistill.jobs.store.PredictionSchema;
import io.sparkdistill.jobs.store.SyntheticSchema;
import io.sparkdistill.jobs.store.SyntheticStore;
import io.sparkdistill.math.Softmax;
import io.sparkdistill.report.ChangesSincePreviousRun;
import io.sparkdistill.report.HtmlReport;
import io.sparkdistill.report.MarkdownReport;
import io.sparkdistill.report.MetricsJson;
import io.sparkdistill.report.RunSummary;
import io.sparkdistill.student.StudentModel;
import io.sparkdistill.teacher.EmbeddedTeacher;
import io.sparkdistill.teacher.LinearHead;
import io.sparkdistill.teacher.SentenceEncoder;
import io.sparkdistill.teacher.TeacherClient;
import io.sparkdistill.teacher.local.LocalModel;
import io.sparkdistill.teacher.local.LocalModelFiles;
import io.sparkdistill.teacher.local.LocalTeacher;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;

/**
 * Stage 3 for the label tasks: compares teacher, baseline and distilled student on the test split. Quality is computed on the
 * executors (per-partition metric accumulators merged with treeAggregate); speed and memory are measured on the
 * driver, one example at a time on a single thread after a warm-up, on a sample of the test split.
 */
final class LabelEvaluateJob {
    private static final Logger LOG = LoggerFactory.getLogger(LabelEvaluateJob.class);
    private static final int TEACHER = 0;
    private static final int BASELINE = 1;
    private static final int DISTILLED = 2;
    private static final int BASELINE_VS_TEACHER = 3;
    private static final int DISTILLED_VS_TEACHER = 4;
    private static final String TEACHER_ROLE = "teacher";

    private final RunContext run;
    private final boolean acceptRegression;

    LabelEvaluateJob(RunContext run, boolean acceptRegression) {
        this.run = run;
        this.acceptRegression = acceptRegression;
    }

    String run() {
        long start = System.nanoTime();
        JobConfig config = run.config();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(run.spark().sparkContext());
        sc.setJobGroup("evaluate", "spark-distill evaluate " + config.name(), false);
        Dataset<Row> synthetic = SyntheticStore.of(run).read();
        Dataset<Row> test = synthetic.where(col("split").equalTo(Split.TEST.configName()));

        LoadedStudent<StudentModel> baseline = LoadedStudent.load(run, RunLayout.BASELINE, StudentModel::load);
        LoadedStudent<StudentModel> distilled = LoadedStudent.load(run, RunLayout.DISTILLED, StudentModel::load);
        List<String> labels = config.labels();
        Broadcast<StudentModel> baselineB = sc.broadcast(baseline.model());
        Broadcast<StudentModel> distilledB = sc.broadcast(distilled.model());

        JavaRDD<Row> predictions = test.javaRDD().map(r -> predict(r, baselineB.value(), distilledB.value()));
        predictions.persist(StorageLevel.MEMORY_AND_DISK());
        run.spark().createDataFrame(predictions, PredictionSchema.SCHEMA).write().mode(SaveMode.Overwrite)
                .parquet(run.layout().predictions());
        ClassificationMetrics[] metrics = predictions.treeAggregate(emptyMetrics(labels),
                (acc, row) -> add(acc, row, labels), LabelEvaluateJob::merge);
        predictions.unpersist(false);
        if (metrics[TEACHER].result().count() == 0) {
            throw new InputException("the test split in " + run.layout().synthetic()
                    + " is empty: no example of it has an accepted answer; see the generate summary, then run "
                    + "generate");
        }

        List<Row> sampleRows = test.limit(config.evaluation().latencyExamples()).collectAsList();
        List<Example> sample = sampleRows.stream().map(SyntheticSchema::example).toList();
        MemoryMeasurements memory = ModelMemory.measure(run, config.task(), sample.stream().map(Example::inputs)
                .toList(), probedModels(baseline, distilled));
        ModelEvaluation teacher = config.isEnsemble() ? evaluateEnsemble(sample, sampleRows, metrics[TEACHER], memory)
                : evaluateTeacher(config.teacher(), run.layout(), sample, sampleRows, metrics[TEACHER],
                memory.memoryBytes(TEACHER_ROLE));
        ModelEvaluation baselineEval = evaluateStudent(baseline, sample, metrics[BASELINE],
                memory.memoryBytes(RunLayout.BASELINE));
        ModelEvaluation distilledEval = evaluateStudent(distilled, sample, metrics[DISTILLED],
                memory.memoryBytes(RunLayout.DISTILLED));
        List<ModelEvaluation> models = List.of(teacher, baselineEval, distilledEval);
        DistillationComparison comparison = DistillationComparison.of(teacher, baselineEval, distilledEval);

        RunSummary summary = summary(metrics, (System.nanoTime() - start) / 1e9, test, memory);
        PreviousRun previous = PreviousRun.compare(run, MetricsJson.render(summary, models, comparison,
                ChangesSincePreviousRun.none(config.evaluation().regressionTolerance())), acceptRegression);
        ChangesSincePreviousRun changes = previous.changes();
        previous.keep(MetricsJson.render(summary, models, comparison, changes));
        run.storage().writeString(run.layout().report(), MarkdownReport.render(summary, models, comparison, changes));
        run.storage().writeString(run.layout().htmlReport(), HtmlReport.render(summary, models, comparison, changes));
        LOG.info("[evaluate] teacher accuracy {}, baseline {}, distilled {} ({}% of the teacher), {}x faster",
                pct(teacher), pct(baselineEval), pct(distilledEval),
                String.format("%.1f", comparison.accuracyRetainedPercent()),
                String.format("%.0f", comparison.speedupP50()));
        previous.judge();
        return run.layout().report();
    }

    private static String pct(ModelEvaluation m) {
        return String.format("%.3f", m.scores().accuracy());
    }

    /**
     * How each model's probe process loads it: the students from their local folders, a teacher run here (embedded,
     * local; each member of an ensemble) from local copies of its files. An API teacher is not run here.
     */
    private Map<String, ServingMemoryProbe.Model> probedModels(LoadedStudent<StudentModel> baseline,
                                                              LoadedStudent<StudentModel> distilled) {
        Map<String, ServingMemoryProbe.Model> models = new LinkedHashMap<>();
        if (run.config().isEnsemble()) {
            for (TeacherEntry entry : run.config().teachers()) {
                probedTeacher(entry.teacher(), new RunLayout(run.layout().teacherRun(entry.name())))
                        .ifPresent(m -> models.put(memberRole(entry), m));
            }
        } else {
            probedTeacher(run.config().teacher(), run.layout()).ifPresent(m -> models.put(TEACHER_ROLE, m));
        }
        models.put(RunLayout.BASELINE, new ServingMemoryProbe.Model("label_student",
                List.of(baseline.folder().toString())));
        models.put(RunLayout.DISTILLED, new ServingMemoryProbe.Model("label_student",
                List.of(distilled.folder().toString())));
        return models;
    }

    private Optional<ServingMemoryProbe.Model> probedTeacher(TeacherConfig teacher, RunLayout layout) {
        if (teacher instanceof ApiTeacherConfig) {
            return Optional.empty();
        }
        if (teacher instanceof LocalTeacherConfig local) {
            LocalModelSettings s = local.local();
            LocalModelFiles files = LocalModelFiles.resolve(s, HadoopFetcher.of(run));
            LocalModelSettings here = new LocalModelSettings(files.directory().toString(), s.engine(), s.kind(),
                    files.modelName(), s.tokenizer(), s.pooling(), s.normalize(), s.maxLength());
            String second = s.isEncoder()
                    ? ModelMemory.localFile("head", run.storage().readString(layout.teacherHead())).toString()
                    : String.join(",", run.config().labels());
            return Optional.of(new ServingMemoryProbe.Model("local_teacher", List.of(
                    ModelMemory.localFile("local-teacher", JsonFiles.write(here)).toString(), second)));
        }
        return Optional.of(new ServingMemoryProbe.Model("embedded_teacher", List.of(
                ModelMemory.localFile("head", run.storage().readString(layout.teacherHead())).toString())));
    }

    private static String memberRole(TeacherEntry entry) {
        return TEACHER_ROLE + " " + entry.name();
    }

    private ModelEvaluation evaluateStudent(LoadedStudent<StudentModel> student, List<Example> sample,
                                            ClassificationMetrics metrics, long memoryBytes) {
        StudentModel model = student.model();
        int warmup = run.config().evaluation().warmupExamples();
        LatencyStats latency = LatencyProbe.measure(sample, warmup, e -> model.predict(e.segments()));
        double throughput = LatencyProbe.throughput(sample, run.config().teacher().batchSize(),
                batch -> batch.forEach(e -> model.predict(e.segments())));
        String kind = model.metadata().kind();
        return new ModelEvaluation(kind, model.metadata().describe() + ", pure-Java inference",
                metrics.result(), latency, throughput, model.parameterCount(), student.sizeOnDiskBytes(),
                memoryBytes);
    }

    /** A teacher as its kind allows: an API teacher from its recorded calls, a model here by running it. */
    private ModelEvaluation evaluateTeacher(TeacherConfig teacher, RunLayout layout, List<Example> sample,
                                            List<Row> sampleRows, ClassificationMetrics metrics, long memoryBytes) {
        if (teacher instanceof ApiTeacherConfig) {
            return evaluateApiTeacher(sampleRows, metrics);
        }
        return teacher instanceof LocalTeacherConfig local
                ? evaluateLocalTeacher(local.local(), layout, sample, metrics, memoryBytes)
                : evaluateEmbeddedTeacher(layout, sample, metrics, memoryBytes);
    }

    /**
     * Several teachers, judged by their combined answers and timed as if asked one after another for each example:
     * each member as in its own run folder, an API member from its recorded calls on the same test examples.
     */
    private ModelEvaluation evaluateEnsemble(List<Example> sample, List<Row> sampleRows,
                                             ClassificationMetrics metrics, MemoryMeasurements memory) {
        List<String> ids = sample.stream().map(Example::id).toList();
        List<ModelEvaluation> members = new ArrayList<>();
        for (TeacherEntry entry : run.config().teachers()) {
            RunLayout member = new RunLayout(run.layout().teacherRun(entry.name()));
            List<Row> memberRows = entry.teacher() instanceof ApiTeacherConfig
                    ? SyntheticStore.at(run.spark(), member.synthetic()).read().where(col("id").isin(ids.toArray()))
                    .collectAsList()
                    : List.of();
            members.add(evaluateTeacher(entry.teacher(), member, sample, memberRows, metrics,
                    memory.memoryBytes(memberRole(entry))));
        }
        String name = sampleRows.isEmpty() ? "ensemble" : sampleRows.get(0).getString(
                sampleRows.get(0).fieldIndex("teacher_name"));
        return ModelEvaluation.ensemble(name + " (members timed one after another)", metrics.result(), members);
    }

    private ModelEvaluation evaluateEmbeddedTeacher(RunLayout layout, List<Example> sample,
                                                    ClassificationMetrics metrics, long memoryBytes) {
        String headJson = run.storage().readString(layout.teacherHead());
        LinearHead head = LinearHead.fromJson(headJson);
        try (SentenceEncoder encoder = SentenceEncoder.loadUnshared();
             EmbeddedTeacher teacher = new EmbeddedTeacher(encoder.newSession(), head, temperature())) {
            long headParameters = (long) head.labels().size() * (head.featureCount() + 1);
            return timed(teacher, sample, metrics, SentenceEncoder.PARAMETERS + headParameters,
                    encoder.modelSizeBytes() + headJson.length(), memoryBytes);
        }
    }

    /** A user's model as teacher, run here for its latency. */
    private ModelEvaluation evaluateLocalTeacher(LocalModelSettings settings, RunLayout layout, List<Example> sample,
                                                 ClassificationMetrics metrics, long memoryBytes) {
        try (LocalModel model = LocalModel.loadUnshared(settings, HadoopFetcher.of(run));
             LocalTeacher teacher = settings.isEncoder()
                     ? LocalTeacher.withHead(model.newSession(),
                             LinearHead.fromJson(run.storage().readString(layout.teacherHead())), temperature())
                     : LocalTeacher.classifier(model.newSession(), run.config().labels(), temperature())) {
            return timed(teacher, sample, metrics, ModelEvaluation.UNKNOWN, model.modelSizeBytes(), memoryBytes);
        }
    }

    /** Times a teacher run here: one example at a time after a warm-up, then in batches. */
    private ModelEvaluation timed(TeacherClient teacher, List<Example> sample, ClassificationMetrics metrics,
                                  long parameters, long sizeOnDisk, long memory) {
        LatencyStats latency = LatencyProbe.measure(sample, run.config().evaluation().warmupExamples(),
                e -> teacher.answer(List.of(e)));
        double throughput = LatencyProbe.throughput(sample, run.config().teacher().batchSize(), teacher::answer);
        return new ModelEvaluation(ModelEvaluation.TEACHER, teacher.info().name(), metrics.result(), latency,
                throughput, parameters, sizeOnDisk, memory);
    }

    private double temperature() {
        return run.config().hyperparameters().temperature();
    }

    /**
     * A teacher behind an API is not run again here: its latency is what its calls took during generate (queueing
     * at the provider and retries included), its size and memory are unknown.
     */
    private static ModelEvaluation evaluateApiTeacher(List<Row> sampleRows, ClassificationMetrics metrics) {
        double[] millis = sampleRows.stream().filter(r -> !r.isNullAt(r.fieldIndex("latency_ms")))
                .mapToDouble(r -> r.getLong(r.fieldIndex("latency_ms"))).toArray();
        String name = sampleRows.isEmpty() ? "API teacher" : sampleRows.get(0).getString(
                sampleRows.get(0).fieldIndex("teacher_name"));
        return new ModelEvaluation(ModelEvaluation.TEACHER, name + " (latency of its calls during generate)",
                metrics.result(), LatencyStats.fromMillis(millis), Double.NaN, ModelEvaluation.UNKNOWN,
                ModelEvaluation.UNKNOWN, ModelEvaluation.UNKNOWN);
    }

    private RunSummary summary(ClassificationMetrics[] metrics, double seconds, Dataset<Row> test,
                               MemoryMeasurements memory) {
        Map<String, Object> agreement = new LinkedHashMap<>();
        agreement.put("teacher_head", run.layout().teacherHead());
        agreement.put("agreement_baseline_vs_teacher", metrics[BASELINE_VS_TEACHER].result().accuracy());
        agreement.put("agreement_distilled_vs_teacher", metrics[DISTILLED_VS_TEACHER].result().accuracy());
        agreement.put("memory", memory);
        return RunSummaries.of(run, seconds, agreement, test);
    }

    private static Row predict(Row r, StudentModel baseline, StudentModel distilled) {
        Example e = SyntheticSchema.example(r);
        StudentModel.Prediction b = baseline.predict(e.segments());
        StudentModel.Prediction d = distilled.predict(e.segments());
        // The synthetic data keeps the teacher's soft labels at the distillation temperature; the teacher is judged
        // (accuracy, calibration) on its own distribution, temperature 1, like the students.
        float[] teacher = Softmax.of(SyntheticSchema.floats(r, "teacher_logits"), 1.0);
        return RowFactory.create(e.id(), SyntheticSchema.scalaMap(e.inputs()), e.label(),
                r.getString(r.fieldIndex("teacher_label")), teacher, b.label(), b.probabilities(), d.label(),
                d.probabilities());
    }

    private static ClassificationMetrics[] emptyMetrics(List<String> labels) {
        return Stream.generate(() -> new ClassificationMetrics(labels)).limit(5).toArray(ClassificationMetrics[]::new);
    }

    /** Adds one prediction row to the five accumulators; agreement scores a student against the teacher's label. */
    private static ClassificationMetrics[] add(ClassificationMetrics[] acc, Row row, List<String> labels) {
        int gold = labels.indexOf(row.getString(2));
        int teacher = labels.indexOf(row.getString(3));
        int baseline = labels.indexOf(row.getString(5));
        int distilled = labels.indexOf(row.getString(7));
        // These rows were built by predict(), so the probability columns still hold float[].
        float[] teacherProbs = (float[]) row.get(4);
        float[] baselineProbs = (float[]) row.get(6);
        float[] distilledProbs = (float[]) row.get(8);
        acc[TEACHER].add(gold, teacher, teacherProbs);
        acc[BASELINE].add(gold, baseline, baselineProbs);
        acc[DISTILLED].add(gold, distilled, distilledProbs);
        acc[BASELINE_VS_TEACHER].add(teacher, baseline, baselineProbs);
        acc[DISTILLED_VS_TEACHER].add(teacher, distilled, distilledProbs);
        return acc;
    }

    private static ClassificationMetrics[] merge(ClassificationMetrics[] a, ClassificationMetrics[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] = a[i].merge(b[i]);
        }
        return a;
    }
}
