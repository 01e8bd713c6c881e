package io.sparkdistill.config;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The label students' learning rate over training ({@code hyperparameters.learning_rate_schedule}): a linear warm-up
 * over the first minibatches, then a decay by epoch down to a floor. Issue 13 saw the distilled student's validation
 * accuracy peak at epoch 1 to 3 and then fall while its loss oscillated: Adam at a fixed rate keeps taking steps as
 * large late in training as early on.
 *
 * <p>The decay is by epoch because DL4J counts epochs itself (each fit over the training split is one, on Spark as
 * locally) and sends the count to the workers with the network, so the rate follows without knowing how many
 * minibatches an epoch has; the warm-up counts the network's iterations, which parameter averaging advances by
 * {@code averaging_frequency} per round.
 *
 * @param decay        none, linear or cosine (default none)
 * @param warmupSteps  minibatches (per worker) over which the rate climbs linearly from 1/warmup_steps of itself;
 *                     0 for none (default 0)
 * @param floor        the last epoch's rate, as a share of {@code learning_rate} (default 0.1)
 */
public record LearningRateSchedule(LearningRateDecay decay, Integer warmupSteps, Double floor)
        implements Serializable {

    public LearningRateSchedule {
        decay = decay == null ? LearningRateDecay.NONE : decay;
        warmupSteps = warmupSteps == null ? 0 : warmupSteps;
        floor = floor == null ? 0.1 : floor;
    }

    /** A constant rate: what a job gets without the section. */
    public static LearningRateSchedule constant() {
        return new LearningRateSchedule(null, null, null);
    }

    /** Whether the rate ever differs from {@code learning_rate}. */
    public boolean isConstant() {
        return decay == LearningRateDecay.NONE && warmupSteps == 0;
    }

    /**
     * The rate of an epoch (0 first) once warmed up, as a share of {@code learning_rate}: 1 in the first epoch, the
     * floor in the last.
     */
    public double epochShare(int epoch, int numEpochs) {
        double progress = numEpochs <= 1 ? 0 : Math.min(1.0, epoch / (double) (numEpochs - 1));
        return switch (decay) {
            case NONE -> 1.0;
            case LINEAR -> 1.0 - (1.0 - floor) * progress;
            case COSINE -> floor + (1.0 - floor) * 0.5 * (1 + Math.cos(Math.PI * progress));
        };
    }

    /** The values under their config keys, as reports and saved students record them. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("decay", decay.configName());
        map.put("warmup_steps", warmupSteps);
        map.put("floor", floor);
        return map;
    }

    /** Checks every key; {@code problems} is the view of this section. */
    public void validate(ConfigProblems problems) {
        problems.require(warmupSteps >= 0, "warmup_steps", warmupSteps, "zero (none) or a positive number of "
                + "minibatches");
        problems.require(floor > 0 && floor <= 1, "floor", floor, "a share of learning_rate in (0, 1]");
    }
}
