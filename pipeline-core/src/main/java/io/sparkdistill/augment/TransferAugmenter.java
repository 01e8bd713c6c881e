package io.sparkdistill.augment;

import io.sparkdistill.config.AugmentationConfig;
import io.sparkdistill.ingest.Example;
import io.sparkdistill.ingest.ExampleId;
import io.sparkdistill.ingest.Split;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Makes Tang et al. 2019's perturbed copies of a training example (see {@link AugmentationConfig}). A copy is a
 * {@link Split#TRANSFER} example with no gold label: the teacher labels it and only the distilled student learns from
 * it. A copy's words depend only on the seed, the example's id and the copy's number, so every executor, and every
 * rerun, makes the same copies, which the teacher then answers once.
 */
public final class TransferAugmenter implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int LONGEST_NGRAM = 5;

    private final AugmentationConfig config;
    private final SlotLexicon lexicon;

    public TransferAugmenter(AugmentationConfig config, SlotLexicon lexicon) {
        this.config = config;
        this.lexicon = lexicon;
    }

    /** The distinct copies of one training example that differ from it and keep at least one unmasked word. */
    public List<Example> copies(Example original) {
        Map<String, Example> copies = new LinkedHashMap<>();
        for (int n = 1; n <= config.copies(); n++) {
            copy(original, n).ifPresent(c -> copies.putIfAbsent(c.id(), c));
        }
        return new ArrayList<>(copies.values());
    }

    /** Copy number {@code n} of the example, unless it came out the same as the example or all masks. */
    Optional<Example> copy(Example original, int n) {
        SplittableRandom random = new SplittableRandom(mix(config.seed(), original.id(), n));
        Map<String, String> inputs = new LinkedHashMap<>();
        boolean changed = false;
        for (String field : original.task().inputFields()) {
            String text = original.inputs().get(field);
            String perturbed = perturb(text, random);
            if (perturbed.isEmpty() || perturbed.replace(AugmentationConfig.MASK, "").isBlank()) {
                return Optional.empty();
            }
            changed |= !perturbed.equals(String.join(" ", SlotLexicon.words(text)));
            inputs.put(field, perturbed);
        }
        if (!changed) {
            return Optional.empty();
        }
        String id = ExampleId.of(original.task(), Split.TRANSFER, inputs, null);
        return Optional.of(new Example(id, original.task(), Split.TRANSFER, inputs, null,
                original.sourceFile() + "#copy=" + n, original.sourceLine()));
    }

    private String perturb(String text, SplittableRandom random) {
        List<String> words = SlotLexicon.words(text);
        List<String> out = new ArrayList<>(words.size());
        String previous = null;
        for (String word : words) {
            double roll = random.nextDouble();
            if (roll < config.maskProb()) {
                out.add(AugmentationConfig.MASK);
            } else if (roll < config.maskProb() + config.swapProb()) {
                List<String> candidates = lexicon.wordsIn(SlotLexicon.slot(previous));
                out.add(candidates.isEmpty() ? word : candidates.get(random.nextInt(candidates.size())));
            } else {
                out.add(word);
            }
            // the slot follows the original text, whose neighbours the lexicon was built from
            previous = word;
        }
        if (!out.isEmpty() && random.nextDouble() < config.ngramProb()) {
            int length = 1 + random.nextInt(Math.min(LONGEST_NGRAM, out.size()));
            int start = random.nextInt(out.size() - length + 1);
            out = out.subList(start, start + length);
        }
        return String.join(" ", out);
    }

    private static long mix(long seed, String id, int copy) {
        long h = seed * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < id.length(); i++) {
            h = (h ^ id.charAt(i)) * 0x100000001B3L;
        }
        return h ^ (copy * 0xBF58476D1CE4E5B9L);
    }
}
