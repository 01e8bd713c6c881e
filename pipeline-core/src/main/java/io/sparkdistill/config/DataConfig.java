package io.sparkdistill.config;

import java.io.Serializable;

/**
 * The input splits: each a JSONL or Parquet file, folder or glob, on any Hadoop file system.
 *
 * @param train             labelled training examples; the teacher's head is fitted on them
 * @param validation        optional; watched during training
 * @param test              the examples the evaluation compares the models on
 * @param maxBadRowShare    above this share of bad rows in a file, the run stops (default 0.05)
 */
public record DataConfig(String train, String validation, String test, Double maxBadRowShare)
        implements Serializable {

    public DataConfig {
        maxBadRowShare = maxBadRowShare == null ? 0.05 : maxBadRowShare;
    }
}
