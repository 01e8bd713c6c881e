package io.sparkdistill.config;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How the train stage spreads training over the executors ({@code training.master}); see {@link TrainingConfig}. */
public enum TrainingMasterKind {
    /** Each executor fits minibatches, then the driver averages the parameters. */
    PARAMETER_AVERAGING,
    /** Executors exchange thresholded, sparse gradient updates with each other over Aeron as they go. */
    GRADIENT_SHARING;

    /** The value as written in a job's YAML (read case-insensitively). */
    @JsonValue
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return configName();
    }
}
