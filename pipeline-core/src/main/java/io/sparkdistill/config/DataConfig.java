package io.sparkdistill.config;

import io.sparkdistill.ingest.LabelledShare;

import java.io.Serializable;

/**
 * The input splits: each a JSONL or Parquet file, folder or glob, on any Hadoop file system.
 *
 * @param train             labelled training examples; the teacher's head is fitted on them
 * @param validation        optional; watched during training
 * @param test              the examples the evaluation compares the models on
 * @param maxBadRowShare    above this share of bad rows in a file, the run stops (default 0.05)
 * @param labelledFraction  share of the training split whose gold labels the run may use (default 1: all): the
 *                          teacher's head is fitted on it, the baseline trains on it, the distilled student takes
 *                          its gold-label loss on it and learns from the teacher alone on the rest
 * @param labelledSeed      which examples form that share (default 1)
 */
public record DataConfig(String train, String validation, String test, Double maxBadRowShare,
                         Double labelledFraction, Long labelledSeed)
        implements Serializable {

    public DataConfig {
        maxBadRowShare = maxBadRowShare == null ? 0.05 : maxBadRowShare;
        labelledFraction = labelledFraction == null ? 1.0 : labelledFraction;
        labelledSeed = labelledSeed == null ? 1L : labelledSeed;
    }

    /** The training examples that keep their gold label; call after validation (the fraction is in (0, 1]). */
    public LabelledShare labelledShare() {
        return new LabelledShare(labelledFraction, labelledSeed);
    }
}
