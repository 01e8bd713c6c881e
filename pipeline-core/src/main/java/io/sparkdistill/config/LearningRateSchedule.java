package io.sparkdistill.config;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The label students' learning rate over training ({@code hyperparameters.learning_rate_schedule}): a decay by epoch
 * down to a floor. Issue 13 saw the distilled student's validation
 * accuracy peak at epoch 1 to 3 and then fall while its loss oscillated: Adam at a fixed rate keeps taking steps as
 * large late in training as early on.
 *
 * <p>The decay is by epoch because DL4J counts epochs itself (each fit over the training split is one, on Spark as
 * locally) and sends the count to the workers with the network, so the rate follows without knowing how many
 * minibatches an epoch has. No warm-up: DL4J 1.0.0-M2's {@code RampSchedule} is written into the network's JSON but
 * cannot be read back from it (no creator), and a network is copied through its JSON when saved in float16.
 *
 * @param decay        none, linear or cosine (default none)
 * @param floor        the last epoch's rate, as a share of {@code learning_rate} (default 0.1)
 */
public record LearningRateSchedule(LearningRateDecay decay, Double floor)
        implements Serializable {

    public LearningRateSchedule {
        decay = decay == null ? LearningRateDecay.NONE : decay;
        floor = floor == null ? 0.1 : floor;
    }

    /** A constant rate: what a job gets without the section. */
    public static LearningRateSchedule constant() {
        return new LearningRateSchedule(null, null);
    }

    /** Whether the rate ever differs from {@code learning_rate}. */
    public boolean isConstant() {
        return decay == LearningRateDecay.NONE;
    }

    /**
     * The rate of an epoch (0 first), as a share of {@code learning_rate}: 1 in the first epoch, the
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
        map.put("floor", floor);
        return map;
    }

    /** Checks every key; {@code problems} is the view of this section. */
    public void validate(ConfigProblems problems) {
        problems.require(floor > 0 && floor <= 1, "floor", floor, "a share of learning_rate in (0, 1]");
    }
}
