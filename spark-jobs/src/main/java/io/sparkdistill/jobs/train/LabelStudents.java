package io.sparkdistill.jobs.train;

import io.sparkdistill.config.ConfigException;
import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.ingest.LabelledShare;
import io.sparkdistill.ingest.SeededHash;
import io.sparkdistill.ingest.Split;
import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.jobs.RunLayout;
import io.sparkdistill.jobs.store.SyntheticSchema;
import io.sparkdistill.jobs.store.TrainSummary;
import io.sparkdistill.math.Softmax;
import io.sparkdistill.provenance.Provenance;
import io.sparkdistill.student.EpochAverage;
import io.sparkdistill.student.LogitAdjustment;
import io.sparkdistill.student.MinibatchIterator;
import io.sparkdistill.student.StudentBlueprint;
import io.sparkdistill.student.StudentInput;
import io.sparkdistill.student.StudentMetadata;
import io.sparkdistill.student.StudentModel;
import io.sparkdistill.student.TeacherWordVectors;
import io.sparkdistill.student.TrainingExample;
import io.sparkdistill.student.WordVocabulary;
import io.sparkdistill.teacher.TokenEmbeddingTable;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one label student is prepared, trained and saved: its examples in a seeded order, its batches, network and
 * training master, the {@link StudentTraining} that runs its epochs, and the saved student with its training report.
 * {@link LabelTrainJob} decides which students to train (the configured pair, or the automatic recipe's candidates
 * and baseline); this class trains any of them the same way.
 */
final class LabelStudents {
    private static final Logger LOG = LoggerFactory.getLogger(LabelStudents.class);

    private final RunContext run;

    LabelStudents(RunContext run) {
        this.run = run;
    }

    /** What every student of the run trains from: the splits, the vocabulary and the labelled share. */
    record Inputs(Dataset<Row> train, Dataset<Row> transfer, Dataset<Row> validation, Provenance provenance,
                          JavaSparkContext sc, WordVocabulary vocabulary, Labelling labelling) {
    }

    /** Which gold labels the students may use, how many each class has, and the loss's class weights (or null). */
    record Labelling(LabelledShare share, Map<String, Long> perClass, double[] classWeights) {
    }

    /** Trains a student for {@code hyperparameters.num_epochs} (or until early stopping) and saves it. */
    TrainSummary.StudentRun trainAndSave(String kind, Dataset<Row> rows, Hyperparameters h,
                                                 StudentBlueprint blueprint, Labelling labelling, Inputs in,
                                                 boolean byMacroF1, Map<String, Object> recipe) {
        StudentTraining training = start(kind, kind, rows, h, blueprint, labelling, in, byMacroF1);
        training.trainTo(h.numEpochs());
        return save(training, kind, h.alpha(), recipe, in);
    }

    /**
     * A student ready to train on {@code rows}: its batches in a seeded order, its fresh network and training master.
     *
     * @param name      how its log lines name it
     * @param kind      the role it is saved as (baseline, distilled)
     * @param byMacroF1 keep the epoch of the best validation macro-F1 (the automatic recipe) rather than accuracy
     */
    StudentTraining start(String name, String kind, Dataset<Row> rows, Hyperparameters h,
                                  StudentBlueprint blueprint, Labelling labelling, Inputs in, boolean byMacroF1) {
        JobConfig config = run.config();
        long start = System.nanoTime();
        JavaSparkContext sc = in.sc();
        List<String> labels = config.labels();
        int numLabels = labels.size();
        double temperature = h.temperature();
        StudentInput input = blueprint.input();
        int batchSize = h.batchSize();

        // Gold labels count only inside the labelled share: the baseline sees nothing else, the distilled student
        // learns from the teacher alone outside it.
        LabelledShare share = labelling.share();
        long seed = h.seed();
        // Keyed by a seeded hash of the id and sorted within partitions: the examples' order, and so the batches, are
        // the same in every run with this seed, whatever order Spark's shuffle delivered them in.
        JavaPairRDD<Double, TrainingExample> examples = rows.javaRDD()
                .filter(r -> !RunLayout.BASELINE.equals(kind) || hasGoldLabel(r, share))
                .mapToPair(r -> new Tuple2<>(SeededHash.position(seed, r.getString(r.fieldIndex("id"))),
                        new TrainingExample(SyntheticSchema.example(r).segments(),
                                hasGoldLabel(r, share)
                                        ? labels.indexOf(r.getString(r.fieldIndex("label")))
                                        : TrainingExample.UNLABELLED,
                                Softmax.of(SyntheticSchema.floats(r, "teacher_logits"), temperature))));
        // One partition per worker, as the master's own rebalancing would give: each then fits averaging_frequency
        // minibatches between averages.
        // The input (a cnn's vocabulary: tens of thousands of words) goes to executors once, as a broadcast: captured
        // in the closure, it was serialised again with every averaging round's tasks, twice, and that was the
        // largest part of the driver's work per round. Spark's context cleaner drops it with the batches, once a
        // finished or abandoned candidate's training is no longer referenced, as it does their cached minibatches.
        Broadcast<StudentInput> shared = sc.broadcast(input);
        JavaRDD<DataSet> batches = examples
                .repartitionAndSortWithinPartitions(new HashPartitioner(sc.defaultParallelism()))
                .values()
                .mapPartitions(part -> new MinibatchIterator(part, batchSize, shared.value(), numLabels));
        if (config.training().gpusPerTask() > 0) {
            // The batches and the training that consumes them share one stage, so that stage alone asks for GPUs.
            batches = batches.withResources(GpuTrainingProfile.of(sc.getConf(), config.training().gpusPerTask()));
        }
        // The training master caches the batches itself, each as its own bytes (RoundMinibatches), for every epoch.
        long trainingExamples = examples.count();
        if (trainingExamples == 0) {
            throw new ConfigException("no training example for the " + kind + " student: data.labelled_fraction "
                    + share.fraction() + " keeps no gold label of the training split; raise it");
        }

        // The batches are already spread evenly in a seeded order: the master keeps them where they are.
        TrainingMaster<?, ?> master = TrainingMasters.reproducible(config.training(), h, sc);
        MultiLayerNetwork network = studentNetwork(blueprint, h, numLabels, labelling.classWeights());
        SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(sc, network, master);
        if (config.training().gradientSharing()) {
            sparkNet.setListeners(new ExecutorParameterSample(name));
        }
        Dataset<Row> validation = in.validation();
        StudentTraining.Judge judge = byMacroF1
                ? model -> ValidationScores.withMacroF1(sc, validation, model, labels)
                : model -> ValidationScores.accuracy(sc, validation, model);
        return new StudentTraining(name, config.training(), sparkNet, batches, trainingExamples, h.numEpochs(),
                h.earlyStoppingPatience(), new EpochAverage(h.averageLastEpochs()), judge,
                outcome -> metadata(blueprint, kind, h, trainingExamples, in.provenance(), labelling, outcome),
                System.nanoTime() - start);
    }

    /**
     * Saves the kept epoch's student as {@code kind}, its logits adjusted first when
     * {@code hyperparameters.logit_adjustment} says so; {@code recipe}, when given, goes into its training report.
     */
    TrainSummary.StudentRun save(StudentTraining training, String kind, double alpha,
                                         Map<String, Object> recipe, Inputs in) {
        long start = System.nanoTime();
        String target = run.layout().model(kind);
        Map<String, Object> outcome = new LinkedHashMap<>(trainingOutcome(training.epochs(), training.bestEpoch(),
                training.stoppedEarly()));
        outcome.putAll(recipe);
        if (run.config().hyperparameters().logitAdjustment()) {
            List<String> labels = run.config().labels();
            LogitAdjustment adjustment = ValidationAdjustment.choose(in.sc(), in.validation(),
                    training.keptStudent(outcome), labels, in.labelling().perClass());
            training.adjustKept(adjustment);
            outcome.put("logit_adjustment", adjustment.asMap(labels));
            LOG.info("[train {}] logit adjustment: tau {}, validation macro-F1 {} -> {} (tried {})", kind,
                    adjustment.tau(), String.format("%.3f", adjustment.macroF1Before()),
                    String.format("%.3f", adjustment.macroF1After()), adjustment.macroF1ByTau().entrySet().stream()
                            .map(e -> e.getKey() + ": " + String.format("%.3f", e.getValue())).toList());
        }
        StudentModel student = training.keptStudent(outcome);
        StudentUpload.save(run, target, student::save);
        double seconds = training.seconds() + (System.nanoTime() - start) / 1e9;
        LOG.info("[train {}] saved epoch {} to {} after {} s", kind, training.bestEpoch(), target,
                String.format("%.1f", seconds));
        return new TrainSummary.StudentRun(kind, training.trainingExamples(), alpha, training.epochs(), seconds, target,
                training.plannedEpochs(), training.epochs().size(), training.bestEpoch(), training.stoppedEarly(),
                Map.of());
    }

    /** What the saved student's training report says about its end: the curve it was picked from and why. */
    private static Map<String, Object> trainingOutcome(List<TrainSummary.Epoch> epochs, int bestEpoch,
                                                       boolean stoppedEarly) {
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("epochs_run", epochs.size());
        outcome.put("best_epoch", bestEpoch);
        outcome.put("stopped_early", stoppedEarly);
        // NaN (no validation split) is written as null: JSON has no NaN.
        outcome.put("validation_accuracy_by_epoch", epochs.stream().map(e -> Double.isNaN(e.validationAccuracy())
                ? null : e.validationAccuracy()).toList());
        return outcome;
    }

    /** A gold-labelled training row inside the labelled share (transfer and augmented rows have no gold label). */
    static boolean hasGoldLabel(Row r, LabelledShare share) {
        return Split.TRAIN.configName().equals(r.getString(r.fieldIndex("split")))
                && share.includes(r.getString(r.fieldIndex("id")), r.getString(r.fieldIndex("label")));
    }

    private StudentMetadata metadata(StudentBlueprint blueprint, String kind, Hyperparameters h, long trainingExamples,
                                     Provenance provenance, Labelling labelling,
                                     Map<String, Object> trainingOutcome) {
        JobConfig config = run.config();
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("trained_on", run.layout().synthetic());
        training.put("training_examples", trainingExamples);
        training.put("labelled_fraction", config.data().labelledFraction());
        training.put("labelled_seed", config.data().labelledSeed());
        training.put("min_labelled_per_class", config.data().minLabelledPerClass());
        training.put("labelled_per_class", labelling.perClass());
        if (labelling.classWeights() != null) {
            Map<String, Double> weights = new LinkedHashMap<>();
            for (int c = 0; c < config.labels().size(); c++) {
                weights.put(config.labels().get(c), labelling.classWeights()[c]);
            }
            training.put("class_weights", weights);
        }
        training.put("training_master", TrainingMasters.describe(run.config().training()));
        training.put("trained_at", Instant.now().toString());
        training.putAll(trainingOutcome);
        if (config.student().initFromTeacher()) {
            training.put("word_vectors_from", "teacher token embeddings, PCA to " + config.student().dimension());
        }
        return blueprint.metadata(kind, config.task().configName(), config.labels(), h.asMap(), provenance, training);
    }

    /** A fresh student network, its word vectors from the teacher's token embeddings when the config asks. */
    private MultiLayerNetwork studentNetwork(StudentBlueprint blueprint, Hyperparameters h, int numLabels,
                                             double[] classWeights) {
        int segments = run.config().task().inputFields().size();
        if (!blueprint.config().initFromTeacher()) {
            return blueprint.network(h, numLabels, segments, null, classWeights);
        }
        return blueprint.network(h, numLabels, segments, new TeacherWordVectors(TokenEmbeddingTable.shared()),
                classWeights);
    }
}
