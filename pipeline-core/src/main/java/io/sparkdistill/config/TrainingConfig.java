package io.sparkdistill.config;

import java.io.Serializable;

/**
 * How the train stage spreads training over the executors.
 *
 * @param master          {@code parameter_averaging} (default): each executor fits minibatches, then the driver
 *                        averages the parameters (dl4j-spark's ParameterAveragingTrainingMaster); or
 *                        {@code gradient_sharing}: executors exchange thresholded, sparse gradient updates with each
 *                        other over Aeron as they go (SharedTrainingMaster), for larger students and clusters
 * @param port            gradient_sharing: the UDP port every node listens on (default 40123)
 * @param networkMask     gradient_sharing: the network the nodes talk over, e.g. {@code 10.0.0.0/16} (default:
 *                        DL4J picks an interface)
 * @param updateThreshold gradient_sharing: the threshold of the update encoding (default: the learning rate; see
 *                        {@link #updateThresholdFor})
 * @param gpusPerTask     GPUs each training task asks for (default 0): with it, only the train stage is scheduled
 *                        on GPU executors (Spark stage-level scheduling); generate and evaluate take none
 */
public record TrainingConfig(String master, Integer port, String networkMask, Double updateThreshold,
                             Integer gpusPerTask) implements Serializable {
    public static final String PARAMETER_AVERAGING = "parameter_averaging";
    public static final String GRADIENT_SHARING = "gradient_sharing";

    public TrainingConfig {
        master = master == null ? PARAMETER_AVERAGING : master;
        port = port == null ? 40123 : port;
        gpusPerTask = gpusPerTask == null ? 0 : gpusPerTask;
    }

    public static TrainingConfig defaults() {
        return new TrainingConfig(null, null, null, null, null);
    }

    /**
     * The encoding's threshold: the configured one, else the learning rate. Gradient sharing sends each element
     * of an update in steps of plus or minus the threshold and keeps the rest for later (DL4J clips that rest at five
     * thresholds), so a threshold far below the optimiser's step slows learning: with Adam at 0.05 and DL4J's usual
     * 1e-3 the students on the two-worker test cluster lost 5 to 10 points of accuracy in three epochs.
     */
    public double updateThresholdFor(double learningRate) {
        return updateThreshold != null ? updateThreshold : learningRate;
    }

    public boolean gradientSharing() {
        return GRADIENT_SHARING.equals(master);
    }
}
