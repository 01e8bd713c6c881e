package io.sparkdistill.config;

import java.io.Serializable;

/**
 * Tang et al. 2019's transfer-set augmentation ({@code data.augmentation}): each training example gets
 * {@code copies} perturbed copies, which the teacher labels and the distilled student learns from (never the
 * baseline, never as gold). Each word of a copy is, in turn: masked with {@code mask_prob}, else swapped with
 * {@code swap_prob} for another word seen after the same preceding word in the training split (a stand-in for a
 * same-part-of-speech swap without a tagger); then with {@code ngram_prob} the copy is cut to a random n-gram of 1 to
 * 5 words. Copies depend only on the seed, the example and the copy's number.
 *
 * @param copies    perturbed copies per training example (default 0: off; Tang et al. used 20)
 * @param maskProb  chance that a word becomes {@value io.sparkdistill.config.AugmentationConfig#MASK} (default 0.1)
 * @param swapProb  chance that a word is swapped for another seen in the same slot (default 0.1)
 * @param ngramProb chance that the copy is cut to a random n-gram (default 0.25)
 * @param seed      seeds every copy (default 1)
 */
public record AugmentationConfig(Integer copies, Double maskProb, Double swapProb, Double ngramProb, Long seed)
        implements Serializable {

    /** What a masked word becomes: the teacher tokenizer's mask token. */
    public static final String MASK = "[MASK]";

    public AugmentationConfig {
        copies = copies == null ? 0 : copies;
        maskProb = maskProb == null ? 0.1 : maskProb;
        swapProb = swapProb == null ? 0.1 : swapProb;
        ngramProb = ngramProb == null ? 0.25 : ngramProb;
        seed = seed == null ? 1L : seed;
    }

    public static AugmentationConfig off() {
        return new AugmentationConfig(null, null, null, null, null);
    }

    public boolean enabled() {
        return copies > 0;
    }

    /** Checks every key; {@code problems} is the view of this section. */
    public void validate(ConfigProblems problems) {
        problems.require(copies >= 0, "copies", copies, "zero (off) or more copies per training example");
        problems.require(isProbability(maskProb), "mask_prob", maskProb, "a probability in [0, 1]");
        problems.require(isProbability(swapProb), "swap_prob", swapProb, "a probability in [0, 1]");
        problems.require(isProbability(ngramProb), "ngram_prob", ngramProb, "a probability in [0, 1]");
    }

    private static boolean isProbability(double p) {
        return p >= 0 && p <= 1;
    }
}
