package io.sparkdistill.jobs.train;

import io.sparkdistill.config.GenerativeStudentConfig;
import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.evaluate.TextComparison;
import io.sparkdistill.evaluate.text.TextScorer;
import io.sparkdistill.ingest.Split;
import io.sparkdistill.ingest.TaskType;
import io.sparkdistill.jobs.JsonFiles;
import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.jobs.generate.SyntheticStore;
import io.sparkdistill.student.EarlyStopping;
import io.sparkdistill.student.StudentMetadata;
import io.sparkdistill.student.generative.GenerativeMetadata;
import io.sparkdistill.student.generative.GenerativeNetwork;
import io.sparkdistill.student.generative.GenerativeStudent;
import io.sparkdistill.student.generative.SequenceBatches;
import io.sparkdistill.student.generative.StudentPrompt;
import io.sparkdistill.student.generative.SubwordVocabulary;
import io.sparkdistill.student.generative.TextAnswers;
import io.sparkdistill.student.generative.TokenSequence;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;

/**
 * Stage 2 for the text tasks (conversation, qa, summarisation, math): trains two generative students with DL4J on
 * the executors. The distilled student learns to write the teacher's answers (sequence-level distillation, Kim and
 * Rush 2016); the baseline is the same network learning the gold answers. Each student learns its own subword
 * vocabulary from the texts it trains on: the pre-token counts are summed on the executors, only the counts reach
 * the driver. After each epoch the validation loss decides early stopping and which epoch is kept, and the student
 * answers the validation split (on the executors) to report the task's primary metric epoch by epoch.
 */
final class TextTrainJob {
    private static final Logger LOG = LoggerFactory.getLogger(TextTrainJob.class);

    private final RunContext run;

    TextTrainJob(RunContext run) {
        this.run = run;
    }

    /** A training example reduced to what a generative student reads and writes. */
    private record Pair(Map<String, String> inputs, String target, List<String> references)
            implements java.io.Serializable {
    }

    TrainSummary run() {
        JobConfig config = run.config();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(run.spark().sparkContext());
        sc.setJobGroup("train", "spark-distill train " + config.name(), false);
        Dataset<Row> synthetic = SyntheticStore.of(run).read();
        Dataset<Row> train = synthetic.where(col("split").equalTo(Split.TRAIN.configName()));
        Dataset<Row> validation = synthetic.where(col("split").equalTo(Split.VALIDATION.configName()));
        if (train.isEmpty()) {
            throw new IllegalStateException("the training split in " + run.layout().synthetic() + " is empty");
        }
        Map<String, Object> teacher = TeacherProvenance.of(train);
        Hyperparameters h = config.hyperparameters();
        Map<String, TrainSummary.StudentRun> students = new LinkedHashMap<>();
        students.put(TrainJob.BASELINE, train(TrainJob.BASELINE, train, validation, h, teacher, sc));
        students.put(TrainJob.DISTILLED, train(TrainJob.DISTILLED, train, validation, h, teacher, sc));
        TrainSummary summary = new TrainSummary(run.runId(), students);
        run.storage().writeString(run.layout().trainSummary(), JsonFiles.write(summary));
        return summary;
    }

    private TrainSummary.StudentRun train(String kind, Dataset<Row> train, Dataset<Row> validation,
                                          Hyperparameters h, Map<String, Object> teacher, JavaSparkContext sc) {
        long start = System.nanoTime();
        JobConfig config = run.config();
        TaskType task = config.task();
        GenerativeStudentConfig settings = config.student().generative();
        boolean distilled = kind.equals(TrainJob.DISTILLED);
        JavaRDD<Pair> pairs = train.javaRDD().map(r -> pair(r, task, distilled));

        SubwordVocabulary vocabulary = SubwordVocabulary.learn(pairs
                .flatMap(p -> StudentPrompt.vocabularyTexts(task, p.inputs(), p.target()).stream()
                        .flatMap(text -> SubwordVocabulary.preTokens(text).stream()).iterator())
                .mapToPair(token -> new Tuple2<>(token, 1L))
                .reduceByKey(Long::sum)
                .collectAsMap(), settings.vocabSize());
        Broadcast<SubwordVocabulary> words = sc.broadcast(vocabulary);
        int batchSize = h.batchSize();
        JavaRDD<TokenSequence> sequences = pairs.map(p -> TokenSequence.of(words.value(), task, p.inputs(),
                p.target(), settings));
        JavaRDD<DataSet> batches = sequences.repartition(config.spark().partitions())
                .mapPartitions(part -> SequenceBatches.batches(part, batchSize));
        if (config.training().gpusPerTask() > 0) {
            batches = batches.withResources(GpuTrainingProfile.of(sc.getConf(), config.training().gpusPerTask()));
        }
        long trainingExamples = sequences.count();
        LOG.info("[train {}] {} examples, a vocabulary of {} subwords, {} LSTM layer(s) of {} units", kind,
                trainingExamples, vocabulary.size(), settings.layers(), settings.hidden());

        boolean validated = !validation.isEmpty();

        TrainingMaster<?, ?> master = TrainingMasters.create(config.training(), h, sc);
        MultiLayerNetwork network = GenerativeNetwork.create(settings, h, vocabulary.size());
        SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(sc, network, master);
        String primary = TextComparison.primaryMetric(task);
        List<TrainSummary.Epoch> epochs = new ArrayList<>();
        List<Double> validationLosses = new ArrayList<>();
        EarlyStopping stopping = new EarlyStopping(h.earlyStoppingPatience());
        MultiLayerNetwork kept = null;
        for (int epoch = 1; epoch <= h.numEpochs() && !stopping.shouldStop(); epoch++) {
            long epochStart = System.nanoTime();
            sparkNet.fit(batches);
            // A copy: the next fit goes on changing the network in place.
            MultiLayerNetwork snapshot = sparkNet.getNetwork().clone();
            Validation checked = validated ? validate(sc, validation, new GenerativeStudent(vocabulary, snapshot,
                    metadata(kind, h, trainingExamples, teacher, Map.of())), primary)
                    : new Validation(Double.NaN, Double.NaN);
            double loss = checked.loss();
            double score = checked.primaryMetric();
            double seconds = (System.nanoTime() - epochStart) / 1e9;
            double trainingLoss = TrainingMasters.trainingLoss(config.training(), sparkNet);
            epochs.add(new TrainSummary.Epoch(epoch, trainingLoss, score, seconds));
            validationLosses.add(loss);
            // Early stopping follows the validation loss: a metric such as math's exact match sits at zero for the
            // first epochs, and a plateau would stop training before the student learnt anything.
            if (stopping.record(epoch, -loss)) {
                kept = snapshot;
            }
            LOG.info("[train {}] epoch {}/{}: loss {}, validation loss {}, validation {} {} ({} s)", kind, epoch,
                    h.numEpochs(), TrainingMasters.formatLoss(trainingLoss), String.format("%.4f", loss), primary,
                    String.format("%.3f", score), String.format("%.1f", seconds));
        }
        boolean stoppedEarly = epochs.size() < h.numEpochs();
        if (stoppedEarly) {
            LOG.info("[train {}] stopped after epoch {}: no lower validation loss for {} epochs; keeping epoch {}",
                    kind, epochs.size(), h.earlyStoppingPatience(), stopping.bestEpoch());
        }
        String target = run.layout().model(kind);
        GenerativeStudent student = new GenerativeStudent(vocabulary, kept, metadata(kind, h, trainingExamples,
                teacher, outcome(epochs, validationLosses, stopping.bestEpoch(), stoppedEarly, primary)));
        StudentUpload.save(run, target, student::save);
        double seconds = (System.nanoTime() - start) / 1e9;
        LOG.info("[train {}] saved epoch {} to {} after {} s", kind, stopping.bestEpoch(), target,
                String.format("%.1f", seconds));
        return new TrainSummary.StudentRun(kind, trainingExamples, distilled ? 0.0 : 1.0, epochs, seconds, target,
                h.numEpochs(), epochs.size(), stopping.bestEpoch(), stoppedEarly);
    }

    /** The distilled student learns the teacher's answer; the baseline the first gold reference (qa lists several). */
    private static Pair pair(Row r, TaskType task, boolean distilled) {
        Map<String, String> inputs = r.getJavaMap(r.fieldIndex("inputs"));
        List<String> references = TextAnswers.references(task,
                r.getString(r.fieldIndex("label")));
        String target = distilled
                ? TextAnswers.teacherText(task,
                r.getString(r.fieldIndex("teacher_label")), r.getString(r.fieldIndex("teacher_rationale")))
                : references.get(0);
        return new Pair(new LinkedHashMap<>(inputs), target, references);
    }

    /** A student on the validation split: mean loss per example, and the task's primary metric. */
    private record Validation(double loss, double primaryMetric) {
    }

    /** One validation example's loss and greedy answer, with its references. */
    private record Checked(double loss, String answer, List<String> references) implements java.io.Serializable {
    }

    /**
     * The student on the validation split, on the executors: its loss (what the kept epoch is chosen by) and its
     * answers decoded greedily (cheaper than beam search, enough to follow progress), scored against the gold
     * references on the task's primary metric. Only the answers come back. The student travels as a broadcast of
     * its own: DL4J's {@code calculateScore} broadcasts the live parameter array itself, which Spark closes when the
     * broadcast goes, in local mode while the network still uses it.
     */
    private static Validation validate(JavaSparkContext sc, Dataset<Row> validation, GenerativeStudent student,
                                       String primary) {
        TaskType task = TaskType.fromConfigName(student.metadata().task());
        GenerativeStudentConfig settings = student.metadata().settings();
        Broadcast<GenerativeStudent> broadcast = sc.broadcast(student);
        try {
            List<Checked> checked = validation.javaRDD().mapPartitions(rows -> {
                GenerativeStudent local = broadcast.value();
                MultiLayerNetwork network = local.network().clone();
                GenerativeStudent.Decoder decoder = local.newDecoder(1);
                List<Checked> out = new ArrayList<>();
                rows.forEachRemaining(r -> {
                    Pair p = pair(r, task, false);
                    DataSet one = SequenceBatches.toDataSet(List.of(TokenSequence.of(local.vocabulary(), task,
                            p.inputs(), p.target(), settings)));
                    out.add(new Checked(network.score(one), decoder.answer(p.inputs()).text(), p.references()));
                });
                return out.iterator();
            }).collect();
            double loss = checked.stream().mapToDouble(Checked::loss).average().orElse(Double.NaN);
            return new Validation(loss, TextScorer.textMetrics(task, checked.stream().map(Checked::answer).toList(),
                    checked.stream().map(Checked::references).toList()).get(primary));
        } finally {
            broadcast.destroy();
        }
    }

    private GenerativeMetadata metadata(String kind, Hyperparameters h, long trainingExamples,
                                        Map<String, Object> teacher, Map<String, Object> outcome) {
        JobConfig config = run.config();
        Map<String, Object> provenance = new LinkedHashMap<>(StudentMetadata.runtimeVersions());
        provenance.put("run_id", run.runId());
        provenance.put("job", config.name());
        provenance.put("trained_on", run.layout().synthetic());
        provenance.put("learnt_from", kind.equals(TrainJob.DISTILLED) ? "the teacher's answers" : "gold answers");
        provenance.putAll(teacher);
        provenance.put("training_examples", trainingExamples);
        provenance.put("training_master", TrainingMasters.describe(config.training()));
        provenance.put("trained_at", Instant.now().toString());
        provenance.putAll(outcome);
        return new GenerativeMetadata(kind, config.task().configName(), config.student().generative(), h.asMap(),
                provenance);
    }

    private static Map<String, Object> outcome(List<TrainSummary.Epoch> epochs, List<Double> validationLosses,
                                               int bestEpoch, boolean stoppedEarly, String primary) {
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("epochs_run", epochs.size());
        outcome.put("best_epoch", bestEpoch);
        outcome.put("kept_by", "lowest validation loss");
        outcome.put("stopped_early", stoppedEarly);
        outcome.put("validation_loss_by_epoch", validationLosses.stream().map(l -> Double.isNaN(l) ? null : l)
                .toList());
        outcome.put("validation_" + primary + "_by_epoch", epochs.stream().map(e ->
                Double.isNaN(e.validationAccuracy()) ? null : e.validationAccuracy()).toList());
        return outcome;
    }

}
