package io.sparkdistill.jobs.train;

import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.evaluate.text.TextMetricStatistics;
import io.sparkdistill.ingest.SeededHash;
import io.sparkdistill.ingest.Split;
import io.sparkdistill.jobs.InputException;
import io.sparkdistill.jobs.JsonFiles;
import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.jobs.RunLayout;
import io.sparkdistill.jobs.provenance.RunProvenances;
import io.sparkdistill.jobs.store.SyntheticStore;
import io.sparkdistill.jobs.store.TrainSummary;
import io.sparkdistill.provenance.Provenance;
import io.sparkdistill.student.AveragingWorkers;
import io.sparkdistill.student.EarlyStopping;
import io.sparkdistill.student.text.FamilySettings;
import io.sparkdistill.student.text.StudentCard;
import io.sparkdistill.student.text.TextExample;
import io.sparkdistill.student.text.TextStudent;
import io.sparkdistill.student.text.TextStudentFamily;
import io.sparkdistill.task.TextTask;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;

/**
 * Stage 2 for the text tasks (qa, summarisation, math, conversation): trains two students of the family the task's
 * strategy chooses ({@code student.architecture}), without knowing which family it is. The distilled student learns
 * the teacher's answers (sequence-level distillation, Kim and Rush 2016), the baseline the gold answers.
 *
 * <p>For each student: the family's keys are counted on the executors (only the counts reach the driver), the
 * family prepares its inputs from them on the driver (a vocabulary, candidate replies, program shapes), that is
 * broadcast, and the executors build the minibatches that dl4j-spark's training master fits, one averaging round's
 * at a time ({@link EpochFit}). Examples the family cannot learn from are counted by reason into the train summary.
 * Parameter averaging runs on as many workers as the training set keeps busy ({@link AveragingWorkers}), at most
 * {@code spark.partitions}: averaging over workers that each fit a few dozen minibatches an epoch left the sample qa
 * reader under-trained. After each epoch the student answers the validation split on the executors; the task's
 * primary metric decides early stopping and which epoch is kept, and then whether a simple rule the family offers
 * ({@link TextStudentFamily#rules}) answers instead.
 */
final class TextTrainJob {
    private static final Logger LOG = LoggerFactory.getLogger(TextTrainJob.class);
    /** What {@code answered_by} says when the trained network answers rather than a family's rule. */
    static final String NETWORK_ANSWERS = "network";

    private final RunContext run;
    private final TextTask task;

    TextTrainJob(RunContext run, TextTask task) {
        this.run = run;
        this.task = task;
    }

    TrainSummary run() {
        JobConfig config = run.config();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(run.spark().sparkContext());
        sc.setJobGroup("train", "spark-distill train " + config.name(), false);
        Dataset<Row> synthetic = SyntheticStore.of(run).read();
        Dataset<Row> train = synthetic.where(col("split").equalTo(Split.TRAIN.configName()));
        Dataset<Row> validation = synthetic.where(col("split").equalTo(Split.VALIDATION.configName()));
        if (train.isEmpty()) {
            throw new InputException("the training split in " + run.layout().synthetic()
                    + " is empty: no example of it has an accepted answer; see the generate summary, then run "
                    + "generate");
        }
        Provenance provenance = RunProvenances.of(run, train);
        TextStudentFamily<?> family = task.family(config.student());
        Map<String, TrainSummary.StudentRun> students = new LinkedHashMap<>();
        students.put(RunLayout.BASELINE, train(family, RunLayout.BASELINE, train, validation, provenance, sc));
        students.put(RunLayout.DISTILLED, train(family, RunLayout.DISTILLED, train, validation, provenance, sc));
        TrainSummary summary = new TrainSummary(run.runId(), students);
        run.storage().writeString(run.layout().trainSummary(), JsonFiles.write(summary));
        return summary;
    }

    private <P extends Serializable> TrainSummary.StudentRun train(TextStudentFamily<P> family, String kind,
                                                                   Dataset<Row> train, Dataset<Row> validation,
                                                                   Provenance provenance,
                                                                   JavaSparkContext sc) {
        long start = System.nanoTime();
        JobConfig config = run.config();
        Hyperparameters h = config.hyperparameters();
        FamilySettings settings = new FamilySettings(config.student(), h);
        boolean distilled = kind.equals(RunLayout.DISTILLED);
        TextTask strategy = task;
        long seed = h.seed();
        // Keyed by a seeded hash of the id: the workers' shares and their order, and so the minibatches, are the same
        // in every run with this seed, whatever order the synthetic data's files were listed and read in.
        JavaPairRDD<Double, TextExample> positioned = train.javaRDD().mapToPair(r -> new Tuple2<>(
                SeededHash.position(seed, r.getString(r.fieldIndex("id"))), example(strategy, r, distilled)));
        positioned.persist(StorageLevel.MEMORY_AND_DISK());
        JavaRDD<TextExample> examples = positioned.values();
        JavaRDD<TextExample> shares = null;
        try {
            P prepared = family.prepare(MostFrequentKeys.count(examples.flatMap(e -> family.countedKeys(e).iterator()),
                    family.keyLimits(settings)).kept(), settings);
            Broadcast<P> inputs = sc.broadcast(prepared);
            Map<String, Long> notLearnable = new LinkedHashMap<>(examples
                    .flatMap(e -> family.unusable(inputs.value(), e).stream().iterator()).countByValue());
            long learnable = examples.count() - notLearnable.values().stream().mapToLong(Long::longValue).sum();
            if (learnable == 0) {
                throw new IllegalStateException("the " + kind + " " + family.name() + " student cannot learn from any"
                        + " training example: " + notLearnable + "; choose another student.architecture of "
                        + task.architectures());
            }
            int partitions = config.spark().partitions();
            int workers = config.training().gradientSharing() ? partitions
                    : AveragingWorkers.of(learnable, h.batchSize(), partitions);
            // Each worker's share of the raw examples, kept: the minibatches are built from it round by round.
            shares = positioned.repartitionAndSortWithinPartitions(new HashPartitioner(workers)).values();
            shares.persist(StorageLevel.MEMORY_AND_DISK());
            EpochFit<P> fit = new EpochFit<>(family, inputs, shares, config.training(), h, kind, sc);
            LOG.info("[train {}] {} {} student, {} examples to learn from{}, {} worker(s)", kind,
                    task.type().configName(), family.name(), learnable,
                    notLearnable.isEmpty() ? "" : ", not learnable: " + notLearnable, workers);

            SparkComputationGraph sparkNet = new SparkComputationGraph(sc, family.network(prepared, settings),
                    fit.master(workers));
            boolean validated = !validation.isEmpty();
            String primary = task.primaryMetric();
            List<TrainSummary.Epoch> epochs = new ArrayList<>();
            EarlyStopping stopping = new EarlyStopping(h.earlyStoppingPatience());
            ComputationGraph kept = null;
            StudentCard card = card(family, kind, provenance, learnable, notLearnable);
            for (int epoch = 1; epoch <= h.numEpochs() && !stopping.shouldStop(); epoch++) {
                long epochStart = System.nanoTime();
                fit.epoch(sparkNet, epoch);
                // A copy: the next fit goes on changing the network in place.
                ComputationGraph snapshot = sparkNet.getNetwork().clone();
                TextStudent student = family.student(prepared, snapshot, card);
                double score = validated ? validate(sc, validation, student) : Double.NaN;
                double seconds = (System.nanoTime() - epochStart) / 1e9;
                double trainingLoss = TrainingMasters.trainingLoss(config.training(), sparkNet);
                epochs.add(new TrainSummary.Epoch(epoch, trainingLoss, score, seconds));
                if (stopping.record(epoch, validated ? score : epoch) || kept == null) {
                    kept = snapshot;
                }
                LOG.info("[train {}] epoch {}/{}: loss {}, validation {} {} ({} s)", kind, epoch, h.numEpochs(),
                        TrainingMasters.formatLoss(trainingLoss), primary, String.format("%.3f", score),
                        String.format("%.1f", seconds));
            }
            inputs.destroy();
            boolean stoppedEarly = epochs.size() < h.numEpochs();
            if (stoppedEarly) {
                LOG.info("[train {}] stopped after epoch {}: no better validation {} for {} epochs; keeping epoch {}",
                        kind, epochs.size(), primary, h.earlyStoppingPatience(), stopping.bestEpoch());
            }
            StudentCard keptCard = card.withTraining(outcome(epochs, stopping.bestEpoch(), stoppedEarly, primary));
            TextStudent best = validated
                    ? bestOfRules(family, prepared, kept, keptCard,
                    epochs.get(stopping.bestEpoch() - 1).validationAccuracy(), validation, sc, kind)
                    : family.student(prepared, kept, keptCard);
            String target = run.layout().model(kind);
            StudentUpload.save(run, target, best::save);
            double seconds = (System.nanoTime() - start) / 1e9;
            LOG.info("[train {}] saved epoch {} to {} after {} s", kind, stopping.bestEpoch(), target,
                    String.format("%.1f", seconds));
            return new TrainSummary.StudentRun(kind, learnable, distilled ? 0.0 : 1.0, epochs, seconds, target,
                    h.numEpochs(), epochs.size(), stopping.bestEpoch(), stoppedEarly, notLearnable);
        } finally {
            positioned.unpersist(false);
            if (shares != null) {
                shares.unpersist(false);
            }
        }
    }

    /**
     * A training row as a student reads it: the distilled student learns what the task makes of the teacher's
     * answer (for math its worked solution), the baseline the first gold reference (qa lists several).
     */
    private static TextExample example(TextTask task, Row r, boolean distilled) {
        Map<String, String> inputs = r.getJavaMap(r.fieldIndex("inputs"));
        List<String> references = task.references(r.getString(r.fieldIndex("label")));
        String target = distilled
                ? task.trainingTarget(r.getString(r.fieldIndex("teacher_label")),
                r.getString(r.fieldIndex("teacher_rationale")))
                : references.get(0);
        return new TextExample(new LinkedHashMap<>(inputs), target, distilled ? List.of(target) : references,
                references);
    }

    /**
     * The trained student, or the family's rule ({@link TextStudentFamily#rules}) that scores higher than it on the
     * validation split; the card says which answers and what each rule scored.
     */
    private <P extends Serializable> TextStudent bestOfRules(TextStudentFamily<P> family, P prepared,
                                                             ComputationGraph network, StudentCard card,
                                                             double networkScore, Dataset<Row> validation,
                                                             JavaSparkContext sc, String kind) {
        Map<String, TextStudent> rules = family.rules(prepared, network, card);
        if (rules.isEmpty()) {
            return family.student(prepared, network, card);
        }
        String primary = task.primaryMetric();
        Map<String, Double> scores = new TreeMap<>();
        String chosen = NETWORK_ANSWERS;
        double best = networkScore;
        for (Map.Entry<String, TextStudent> rule : rules.entrySet()) {
            double score = validate(sc, validation, rule.getValue());
            scores.put(rule.getKey(), score);
            if (score > best) {
                best = score;
                chosen = rule.getKey();
            }
        }
        LOG.info("[train {}] validation {}: network {}, rules {}; answering by {}", kind, primary,
                String.format("%.3f", networkScore), scores, chosen);
        StudentCard decided = card.withTraining(Map.of("answered_by", chosen,
                "rules_validation_" + primary, scores));
        return chosen.equals(NETWORK_ANSWERS) ? family.student(prepared, network, decided)
                : family.rules(prepared, network, decided).get(chosen);
    }

    /**
     * The student's answers to the validation split, scored on the task's primary metric: answered and summed into
     * the task's mergeable statistics on the executors, so only the statistics reach the driver.
     */
    private double validate(JavaSparkContext sc, Dataset<Row> validation, TextStudent student) {
        TextTask strategy = task;
        Broadcast<TextStudent> broadcast = sc.broadcast(student);
        try {
            return validation.javaRDD().mapPartitions(rows -> {
                var answerer = broadcast.value().newAnswerer();
                TextMetricStatistics statistics = strategy.newStatistics();
                rows.forEachRemaining(r -> statistics.add(answerer.answer(r.getJavaMap(r.fieldIndex("inputs")))
                        .text(), strategy.references(r.getString(r.fieldIndex("label")))));
                return List.of(statistics).iterator();
            }).treeReduce(TextMetricStatistics::merge).metrics().get(task.primaryMetric());
        } finally {
            broadcast.destroy();
        }
    }

    private StudentCard card(TextStudentFamily<?> family, String kind, Provenance provenance, long learnable,
                             Map<String, Long> notLearnable) {
        JobConfig config = run.config();
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("trained_on", run.layout().synthetic());
        training.put("learnt_from", kind.equals(RunLayout.DISTILLED) ? "the teacher's answers" : "gold answers");
        training.put("training_examples", learnable);
        training.put("not_learnable", notLearnable);
        training.put("training_master", TrainingMasters.describe(config.training()));
        training.put("trained_at", Instant.now().toString());
        return new StudentCard(kind, task.type().configName(), family.name(), Map.of(),
                config.hyperparameters().asMap(), provenance, training);
    }

    private static Map<String, Object> outcome(List<TrainSummary.Epoch> epochs, int bestEpoch, boolean stoppedEarly,
                                               String primary) {
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("epochs_run", epochs.size());
        outcome.put("best_epoch", bestEpoch);
        outcome.put("kept_by", "highest validation " + primary);
        outcome.put("stopped_early", stoppedEarly);
        outcome.put("validation_" + primary + "_by_epoch", epochs.stream().map(e ->
                Double.isNaN(e.validationAccuracy()) ? null : e.validationAccuracy()).toList());
        return outcome;
    }
}
