package io.sparkdistill.config;

import io.sparkdistill.ingest.LabelledShare;

import java.io.Serializable;
import java.util.List;

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
 * @param minLabelledPerClass with a labelled fraction below 1, each class keeps at least this many gold labels where
 *                          the training split has them (default 5; 0 draws the share without regard to class)
 * @param transfer          optional unlabelled in-domain text (classification, nli: rows with the task's input fields;
 *                          a label in them is ignored): the teacher labels it and the distilled student learns from
 *                          those labels alone; the teacher's head and the baseline never see it
 * @param augmentation      optional augmented copies of the training examples, labelled by the teacher like
 *                          transfer text (Tang et al. 2019); off by default
 * @param failOnSplitOverlap stop before any teacher call when an input of the test or validation split is also in a
 *                          split the students learn from (default false: the overlap is reported and warned about)
 */
public record DataConfig(String train, String validation, String test, Double maxBadRowShare,
                         Double labelledFraction, Long labelledSeed, String transfer,
                         AugmentationConfig augmentation, Boolean failOnSplitOverlap, Integer minLabelledPerClass)
        implements Serializable {

    /** The rows of the configuration reference for this section's keys. */
    public static final List<KeyDoc> KEYS = List.of(
            new KeyDoc(List.of("train", "test"), "required", "the training and test splits: a file, folder or glob; "
                    + "a relative path is relative to the config file's folder (see [Paths in a config]"
                    + "(getting-started.md#paths-in-a-config))"),
            KeyDoc.of("validation", "watched after every training epoch"),
            KeyDoc.of("max_bad_row_share", "above this share of bad rows in a file, stop"),
            KeyDoc.of("fail_on_split_overlap", "stop before any teacher call when a test or validation input is also "
                    + "in train, transfer or the other held-out split (by default it is warned about and counted in "
                    + "the report)"),
            KeyDoc.of("labelled_fraction", "share of the training split whose gold labels the run may use, in (0, 1]: "
                    + "the offline teacher's head is fitted on it, the baseline student trains on it alone, the "
                    + "distilled student takes its gold-label term there and learns from the teacher alone on the "
                    + "rest (see [Fewer gold labels than examples](concepts.md#fewer-gold-labels-than-examples))"),
            KeyDoc.of("labelled_seed", "which examples form that share (a hash of the seed and the example id, so "
                    + "generate and train agree)"),
            KeyDoc.of("min_labelled_per_class", "with `labelled_fraction` below 1, each class keeps at least this many "
                    + "gold labels where the training split has them (the class's examples with the smallest seeded "
                    + "hashes), so a small class is not left without any; 0: no per-class floor"),
            KeyDoc.of("transfer", "classification, nli: unlabelled in-domain text (the task's input fields; a label in "
                    + "it is ignored), labelled by the teacher; only the distilled student learns from it"),
            KeyDoc.of("augmentation.*", "off", "`copies` (0: off) perturbed copies per training example, each word "
                    + "masked with `mask_prob` (0.1) or swapped with `swap_prob` (0.1) for a word seen after the "
                    + "same word, then cut to a random 1..5-gram with `ngram_prob` (0.25); `seed` (1). Labelled by "
                    + "the teacher like transfer text"));

    public DataConfig {
        maxBadRowShare = maxBadRowShare == null ? 0.05 : maxBadRowShare;
        labelledFraction = labelledFraction == null ? 1.0 : labelledFraction;
        labelledSeed = labelledSeed == null ? 1L : labelledSeed;
        augmentation = augmentation == null ? AugmentationConfig.off() : augmentation;
        failOnSplitOverlap = failOnSplitOverlap != null && failOnSplitOverlap;
        minLabelledPerClass = minLabelledPerClass == null ? 5 : minLabelledPerClass;
    }

    /**
     * The uniform draw of training examples that keep their gold label, before the per-class floor is added from the
     * training split; call after validation (the fraction is in (0, 1]).
     */
    public LabelledShare labelledShare() {
        return new LabelledShare(labelledFraction, labelledSeed);
    }

    /** Checks every key; {@code problems} is the view of this section. */
    public void validate(ConfigProblems problems) {
        problems.require(notBlank(train), "train", train, "a path to the training split");
        problems.require(notBlank(test), "test", test, "a path to the test split");
        problems.require(maxBadRowShare >= 0 && maxBadRowShare <= 1, "max_bad_row_share", maxBadRowShare,
                "a share between 0 and 1");
        problems.require(labelledFraction > 0 && labelledFraction <= 1, "labelled_fraction", labelledFraction,
                "a share of the training split in (0, 1] (1: every gold label is used)");
        problems.require(minLabelledPerClass >= 0, "min_labelled_per_class", minLabelledPerClass,
                "zero (no per-class floor) or a positive number of examples");
        augmentation.validate(problems.at("augmentation"));
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
