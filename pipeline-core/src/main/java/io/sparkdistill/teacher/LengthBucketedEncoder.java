package io.sparkdistill.teacher;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * A batch encoder that calls the model on texts of similar length together. A transformer pads every text of a call
 * to the call's longest, so a call that mixes a 10-token ticket with a 250-token email runs 25 times the ticket's
 * work on padding. Sorting the texts by length and cutting the sorted list into calls of {@code batchSize} keeps the
 * padding small; the embeddings are put back in input order, so callers see no difference.
 *
 * <p>Length is measured in characters, a close proxy for tokens that costs no second tokenisation (the model's
 * translator tokenises each call itself).
 */
public final class LengthBucketedEncoder implements Function<List<String>, float[][]> {

    private final Function<List<String>, float[][]> encoder;
    private final int batchSize;

    /**
     * @param encoder   one model call: texts in, one embedding per text out
     * @param batchSize most texts per model call
     */
    public LengthBucketedEncoder(Function<List<String>, float[][]> encoder, int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        this.encoder = encoder;
        this.batchSize = batchSize;
    }

    /** Row i is the embedding of text i, whatever order the model calls took. */
    @Override
    public float[][] apply(List<String> texts) {
        Integer[] byLength = IntStream.range(0, texts.size()).boxed().toArray(Integer[]::new);
        Arrays.sort(byLength, Comparator.comparingInt(i -> texts.get(i).length()));
        float[][] embeddings = new float[texts.size()][];
        for (int from = 0; from < byLength.length; from += batchSize) {
            List<Integer> call = Arrays.asList(byLength).subList(from, Math.min(from + batchSize, byLength.length));
            float[][] out = encoder.apply(call.stream().map(texts::get).toList());
            for (int j = 0; j < call.size(); j++) {
                embeddings[call.get(j)] = out[j];
            }
        }
        return embeddings;
    }
}
