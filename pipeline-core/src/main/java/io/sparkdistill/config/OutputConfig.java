package io.sparkdistill.config;

import java.io.Serializable;

/**
 * Where a run writes.
 *
 * @param dir     parent folder of all runs, any Hadoop file system (default {@code runs})
 * @param runName sub-folder of this run (default: the job's name, so a nightly run finds yesterday's work)
 */
public record OutputConfig(String dir, String runName) implements Serializable {

    public OutputConfig {
        dir = dir == null ? "runs" : dir;
    }

    public static OutputConfig defaults() {
        return new OutputConfig(null, null);
    }
}
