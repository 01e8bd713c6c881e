package io.sparkdistill.config;

import java.io.Serializable;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Training knobs. The source document's values (learning rate 2e-5, batch size 2, 3 epochs) are for fine-tuning a
 * billion-parameter LLM student; the compact student here learns from scratch, hence larger defaults.
 *
 * @param learningRate Adam's step size (default 0.01)
 * @param batchSize    examples per minibatch on each worker (default 32)
 * @param numEpochs    passes over the training split (default 10)
 * @param temperature  softness of the teacher's and student's distributions in the distillation term (default 2.0)
 * @param alpha        weight of the hard-label cross-entropy; 1 - alpha goes to the soft-label KL term (default 0.3)
 * @param seed         seed of weight initialisation and shuffling (default 42)
 * @param averagingFrequency minibatches each worker fits between parameter averages (default 5)
 * @param earlyStoppingPatience epochs without a better validation accuracy after which training stops, keeping the
 *                              best epoch's parameters (default 3; 0 turns early stopping off: every epoch
 *                              is trained and the last one kept)
 * @param classWeighting how the label students' loss weighs the classes (default none): {@code balanced} weighs
 *                       both terms of the distillation loss by inverse class frequency, for small classes
 * @param learningRateSchedule the label students' learning rate over training: a decay by epoch to a floor
 *                             (default constant)
 * @param logitAdjustment whether the label students' saved logits are shifted towards the small classes by a
 *                        strength chosen on validation macro-F1 (default false; {@code LogitAdjustment})
 * @param averageLastEpochs the label students judged, kept and saved after each epoch are the mean of the last this
 *                          many epochs' parameters (default 1: the epoch's own; {@code EpochAverage})
 */
public record Hyperparameters(Double learningRate, Integer batchSize, Integer numEpochs, Double temperature,
                              Double alpha, Long seed, Integer averagingFrequency, Integer earlyStoppingPatience,
                              ClassWeighting classWeighting, LearningRateSchedule learningRateSchedule,
                              Boolean logitAdjustment, Integer averageLastEpochs)
        implements Serializable {

    /** The rows of the configuration reference for this section's keys. */
    public static final List<KeyDoc> KEYS = List.of(
            KeyDoc.of("learning_rate", "Adam's step size"),
            KeyDoc.of("batch_size", "minibatch per worker"),
            KeyDoc.of("num_epochs", "passes over the training split"),
            KeyDoc.of("temperature", "classification and nli: softness of teacher and student in the KL term (refused "
                    + "for text tasks, which do not read it)"),
            KeyDoc.of("alpha", "classification and nli: weight of the gold-label cross-entropy (1 - alpha goes to the "
                    + "teacher; refused for text tasks)"),
            KeyDoc.of("seed", "weight initialisation and shuffling"),
            KeyDoc.of("averaging_frequency", "minibatches per worker between parameter averages. Each average costs "
                    + "a Spark job and the parameters' and Adam's moments' round trip, for the label students about "
                    + "as long as fitting 5 minibatches: the shipped classification and nli configs average every 20, "
                    + "which trained them 1.5-1.6x faster at the same accuracy (BENCHMARKS.md)"),
            KeyDoc.of("early_stopping_patience", "stop when validation accuracy (text tasks: the task's main "
                    + "validation metric) has not improved for this many epochs and keep the best epoch's student; 0 "
                    + "turns it off (every epoch, the last kept). Without a validation split training never stops "
                    + "early"),
            KeyDoc.of("class_weighting", "label tasks: `balanced` weighs both terms of the distillation loss by class: "
                    + "each class by the inverse of its count among the labelled share's gold labels, normalised to "
                    + "mean 1 (a class with none counts one); the gold-label term of an example by its class's "
                    + "weight, the teacher term by the weight the teacher's distribution expects. Weights go into "
                    + "the training report of the student's `student.json`"),
            KeyDoc.of("learning_rate_schedule.*", "", "label tasks (refused for text tasks): Adam's step size by "
                    + "epoch. `decay` (`none`): `linear` or `cosine`, from `learning_rate` in the first epoch to "
                    + "`learning_rate` x `floor` in the last; `floor` (0.1): a share of `learning_rate` in (0, 1]. The "
                    + "values go into the hyperparameters of the student's `student.json`"),
            KeyDoc.of("logit_adjustment", "false", "classification and nli, with a validation split: after "
                    + "training, each student's logits are shifted by -tau x ln(prior of the class) (Menon et al. "
                    + "2021), the prior from the labelled share's gold labels, tau from 0, 0.25, 0.5, 0.75, 1 by "
                    + "validation macro-F1 (0 when nothing gains). It moves predictions towards small classes, "
                    + "which macro-F1 counts as much as large ones, and folds into the output bias: no cost at "
                    + "inference. The choice, and the macro-F1 of every tau tried, go into the training report of `student.json`"),
            KeyDoc.of("average_last_epochs", "1", "classification and nli (refused for text tasks): the student "
                    + "judged on validation after each epoch, kept by early stopping and saved is the mean of the "
                    + "last this many epochs' parameters (stochastic weight averaging, Izmailov et al. 2018); "
                    + "training goes on from the epoch's own. Where validation scores swing from epoch to epoch, the "
                    + "mean lies between the swings and the kept epoch is less a lucky one; 1 keeps the epoch's own"));

    public Hyperparameters {
        learningRate = learningRate == null ? 0.01 : learningRate;
        batchSize = batchSize == null ? 32 : batchSize;
        numEpochs = numEpochs == null ? 10 : numEpochs;
        seed = seed == null ? 42L : seed;
        averagingFrequency = averagingFrequency == null ? 5 : averagingFrequency;
        earlyStoppingPatience = earlyStoppingPatience == null ? 3 : earlyStoppingPatience;
    }

    /** Knobs without epoch averaging. */
    public Hyperparameters(Double learningRate, Integer batchSize, Integer numEpochs, Double temperature,
                           Double alpha, Long seed, Integer averagingFrequency, Integer earlyStoppingPatience,
                           ClassWeighting classWeighting, LearningRateSchedule learningRateSchedule,
                           Boolean logitAdjustment) {
        this(learningRate, batchSize, numEpochs, temperature, alpha, seed, averagingFrequency, earlyStoppingPatience,
                classWeighting, learningRateSchedule, logitAdjustment, null);
    }

    /** Knobs without logit adjustment. */
    public Hyperparameters(Double learningRate, Integer batchSize, Integer numEpochs, Double temperature,
                           Double alpha, Long seed, Integer averagingFrequency, Integer earlyStoppingPatience,
                           ClassWeighting classWeighting, LearningRateSchedule learningRateSchedule) {
        this(learningRate, batchSize, numEpochs, temperature, alpha, seed, averagingFrequency, earlyStoppingPatience,
                classWeighting, learningRateSchedule, null);
    }

    /** Knobs with a constant learning rate. */
    public Hyperparameters(Double learningRate, Integer batchSize, Integer numEpochs, Double temperature,
                           Double alpha, Long seed, Integer averagingFrequency, Integer earlyStoppingPatience,
                           ClassWeighting classWeighting) {
        this(learningRate, batchSize, numEpochs, temperature, alpha, seed, averagingFrequency, earlyStoppingPatience,
                classWeighting, null);
    }

    /** Knobs without class weighting: the families that do not classify never read it. */
    public Hyperparameters(Double learningRate, Integer batchSize, Integer numEpochs, Double temperature,
                           Double alpha, Long seed, Integer averagingFrequency, Integer earlyStoppingPatience) {
        this(learningRate, batchSize, numEpochs, temperature, alpha, seed, averagingFrequency, earlyStoppingPatience,
                null);
    }

    /** The same knobs with another alpha (the baseline student's is 1: gold labels alone). */
    public Hyperparameters withAlpha(double newAlpha) {
        return new Hyperparameters(learningRate, batchSize, numEpochs, temperature, newAlpha, seed, averagingFrequency,
                earlyStoppingPatience, classWeighting, learningRateSchedule, logitAdjustment,
                averageLastEpochs);
    }

    /** The same knobs with another distillation loss (an automatic-recipe candidate's). */
    public Hyperparameters withLoss(double newTemperature, double newAlpha, ClassWeighting newWeighting) {
        return new Hyperparameters(learningRate, batchSize, numEpochs, newTemperature, newAlpha, seed,
                averagingFrequency, earlyStoppingPatience, newWeighting, learningRateSchedule, logitAdjustment,
                averageLastEpochs);
    }

    /** The same knobs with another learning-rate schedule. */
    public Hyperparameters withLearningRateSchedule(LearningRateSchedule schedule) {
        return new Hyperparameters(learningRate, batchSize, numEpochs, temperature, alpha, seed, averagingFrequency,
                earlyStoppingPatience, classWeighting, schedule, logitAdjustment, averageLastEpochs);
    }

    // temperature, alpha, class_weighting and learning_rate_schedule keep null when unset, so that a text task can
    // refuse them when written (nothing there reads them); their accessors give the defaults.
    @Override
    public Double temperature() {
        return temperature == null ? 2.0 : temperature;
    }

    @Override
    public Double alpha() {
        return alpha == null ? 0.3 : alpha;
    }

    @Override
    public ClassWeighting classWeighting() {
        return classWeighting == null ? ClassWeighting.NONE : classWeighting;
    }

    @Override
    public LearningRateSchedule learningRateSchedule() {
        return learningRateSchedule == null ? LearningRateSchedule.constant() : learningRateSchedule;
    }

    @Override
    public Boolean logitAdjustment() {
        return logitAdjustment != null && logitAdjustment;
    }

    @Override
    public Integer averageLastEpochs() {
        return averageLastEpochs == null ? 1 : averageLastEpochs;
    }

    /**
     * The keys only the label students read (their loss, schedule, logit adjustment, averaging) that this config writes
     * itself, with their values; unset keys are absent.
     */
    public Map<String, Object> labelLossKeysSet() {
        Map<String, Object> set = new LinkedHashMap<>();
        if (temperature != null) {
            set.put("temperature", temperature);
        }
        if (alpha != null) {
            set.put("alpha", alpha);
        }
        if (classWeighting != null) {
            set.put("class_weighting", classWeighting);
        }
        if (learningRateSchedule != null) {
            set.put("learning_rate_schedule", learningRateSchedule.asMap());
        }
        if (logitAdjustment != null) {
            set.put("logit_adjustment", logitAdjustment);
        }
        if (averageLastEpochs != null) {
            set.put("average_last_epochs", averageLastEpochs);
        }
        return set;
    }

    /**
     * The keys this config writes that the automatic recipe's lists replace ({@code search.temperatures},
     * {@code alphas}, {@code class_weightings}), with their values; the learning-rate schedule and the logit
     * adjustment apply to every candidate as written.
     */
    public Map<String, Object> keysReplacedBySearch() {
        Map<String, Object> set = new LinkedHashMap<>(labelLossKeysSet());
        set.keySet().retainAll(List.of("temperature", "alpha", "class_weighting"));
        return set;
    }

    /** The values under their config keys, in the config's order: what reports and saved students record. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("learning_rate", learningRate);
        map.put("batch_size", batchSize);
        map.put("num_epochs", numEpochs);
        map.put("temperature", temperature());
        map.put("alpha", alpha());
        map.put("seed", seed);
        map.put("averaging_frequency", averagingFrequency);
        map.put("early_stopping_patience", earlyStoppingPatience);
        map.put("class_weighting", classWeighting().configName());
        map.put("learning_rate_schedule", learningRateSchedule().asMap());
        map.put("logit_adjustment", logitAdjustment());
        map.put("average_last_epochs", averageLastEpochs());
        return map;
    }

    public static Hyperparameters defaults() {
        return new Hyperparameters(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Checks every key; {@code problems} is the view of this section. */
    public void validate(ConfigProblems problems) {
        problems.require(learningRate > 0 && learningRate < 1, "learning_rate", learningRate, "a number in (0, 1)");
        problems.require(batchSize > 0, "batch_size", batchSize, "a positive number");
        problems.require(numEpochs > 0, "num_epochs", numEpochs, "a positive number");
        problems.require(temperature() > 0, "temperature", temperature(), "a positive number");
        problems.require(alpha() >= 0 && alpha() <= 1, "alpha", alpha(), "a number in [0, 1]");
        problems.require(averagingFrequency > 0, "averaging_frequency", averagingFrequency, "a positive number");
        problems.require(earlyStoppingPatience >= 0, "early_stopping_patience", earlyStoppingPatience,
                "zero (off) or a positive number of epochs");
        problems.require(averageLastEpochs() >= 1, "average_last_epochs", averageLastEpochs(),
                "a positive number of epochs (1: each epoch's own parameters)");
        learningRateSchedule().validate(problems.at("learning_rate_schedule"));
    }
}
