package io.sparkdistill.config;

import java.io.Serializable;
import java.util.List;

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
public record TrainingConfig(TrainingMasterKind master, Integer port, String networkMask, Double updateThreshold,
                             Integer gpusPerTask) implements Serializable {

    /** The rows of the configuration reference for this section's keys. */
    public static final List<KeyDoc> KEYS = List.of(
            KeyDoc.of("master", "`parameter_averaging`: the driver averages what each executor fitted; "
                    + "`gradient_sharing`: executors send each other sparse, thresholded updates over Aeron as they "
                    + "train (DL4J's SharedTrainingMaster). DL4J tells the nodes of its mesh apart by IP address: "
                    + "every executor must announce an address of its own, set by `training.network_mask` or "
                    + "`DL4J_VOID_IP` (see [deploy/README.md](../deploy/README.md#gradient-sharing)); executors that "
                    + "all announce 127.0.0.1 exchange nothing"),
            new KeyDoc(List.of("port", "network_mask"), null, "gradient_sharing: the UDP port every node listens on, "
                    + "and the network they talk over (e.g. `10.0.0.0/16`): each executor announces its own address "
                    + "in it. Without a mask, an executor announces its `DL4J_VOID_IP` environment variable, else "
                    + "127.0.0.1"),
            KeyDoc.of("update_threshold", "the learning rate", "gradient_sharing: threshold of the "
                    + "update encoding (fixed: DL4J's adaptive one coarsened small students' steps). Updates travel in steps of this size and DL4J clips what is left over at "
                    + "five steps, so one far below Adam's step slows learning"),
            KeyDoc.of("gpus_per_task", "GPUs per training task; with it only the train stage is scheduled on GPU "
                    + "executors (stage-level scheduling; build with `-Pgpu`)"));

    public static final int DEFAULT_PORT = 40123;

    public TrainingConfig {
        master = master == null ? TrainingMasterKind.PARAMETER_AVERAGING : master;
        gpusPerTask = gpusPerTask == null ? 0 : gpusPerTask;
    }

    /** The UDP port of gradient sharing; kept unset when not written, so that parameter averaging can refuse it. */
    @Override
    public Integer port() {
        return port == null ? DEFAULT_PORT : port;
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
        return master == TrainingMasterKind.GRADIENT_SHARING;
    }

    /**
     * Checks every key; {@code problems} is the view of this section. The keys of gradient sharing are refused under
     * parameter averaging, which reads none of them.
     */
    public void validate(ConfigProblems problems) {
        problems.require(port() > 0 && port() < 65536, "port", port(), "a port number");
        problems.require(updateThreshold == null || updateThreshold > 0, "update_threshold", updateThreshold,
                "a positive number");
        problems.require(gpusPerTask >= 0, "gpus_per_task", gpusPerTask, "zero or more");
        if (!gradientSharing()) {
            String why = " under training.master " + master + ": only gradient_sharing reads it";
            problems.require(port == null, "port", port, "no port" + why);
            problems.require(networkMask == null, "network_mask", networkMask, "no network_mask" + why);
            problems.require(updateThreshold == null, "update_threshold", updateThreshold, "no update_threshold" + why);
        }
    }
}
