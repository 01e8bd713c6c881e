package io.sparkdistill.student.reply;

import io.sparkdistill.student.HashingFeaturizer;
import io.sparkdistill.student.SparseFeatures;
import io.sparkdistill.student.WordVocabulary;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The two encoders' inputs, as sparse rows.
 *
 * <p>A conversation: the teacher's word vectors averaged over the last turn, the turn before it and the earlier
 * turns (what is asked, what was last answered, what the conversation is about); which value types the last turn
 * and the whole conversation hold (a reply that needs an e-mail address fits a conversation that has one); how many
 * turns there were (where in a procedure the conversation is); and hashed word and character n-grams of the same
 * three parts, which know the domain's own words that the teacher's vectors blur.
 *
 * <p>A reply template: its words' averaged teacher vectors, its slot types, and its hashed n-grams (placeholders
 * read as words). Averages and n-gram bags are scaled to unit length, so that long and short texts weigh alike and
 * each part enters the first layer at the same scale.
 */
public final class PairFeatures implements Serializable {
    private static final int TURN_GROUPS = 3;
    private static final int MAX_TURNS = 8;
    private static final int TYPES = ValueType.values().length;

    private final Map<String, float[]> vectors;
    private final int width;
    private final HashingFeaturizer hashing;

    public PairFeatures(CandidateSet candidates) {
        this.vectors = candidates.wordVectors();
        this.width = candidates.vectorWidth();
        SelectionSizes sizes = candidates.sizes();
        this.hashing = new HashingFeaturizer(sizes.buckets(), sizes.ngrams(), sizes.charNgrams());
    }

    public int conversationWidth() {
        return TURN_GROUPS * width + 2 * TYPES + MAX_TURNS + hashing.buckets();
    }

    public int replyWidth() {
        return width + TYPES + hashing.buckets();
    }

    public SparseFeatures conversation(Conversation conversation) {
        List<Conversation.Turn> turns = conversation.turns();
        String last = conversation.last().content();
        String previous = conversation.previous() == null ? "" : conversation.previous().content();
        StringBuilder earlier = new StringBuilder();
        for (int t = 0; t < turns.size() - 2; t++) {
            earlier.append(turns.get(t).content()).append('\n');
        }
        Row row = new Row();
        row.addMean(0, last);
        row.addMean(width, previous);
        row.addMean(2 * width, earlier.toString());
        int flags = TURN_GROUPS * width;
        boolean[] inLast = new boolean[TYPES];
        boolean[] anywhere = new boolean[TYPES];
        conversation.last().values().forEach(v -> inLast[v.type().ordinal()] = true);
        conversation.values().forEach(v -> anywhere[v.type().ordinal()] = true);
        for (int i = 0; i < TYPES; i++) {
            row.addFlag(flags + i, inLast[i]);
            row.addFlag(flags + TYPES + i, anywhere[i]);
        }
        row.addFlag(flags + 2 * TYPES + Math.min(turns.size(), MAX_TURNS) - 1, true);
        row.addHashed(flags + 2 * TYPES + MAX_TURNS, List.of(last, previous, earlier.toString()));
        return row.build();
    }

    public SparseFeatures reply(ReplyTemplate template) {
        Row row = new Row();
        String text = template.skeleton();
        row.addMean(0, text);
        for (ValueType type : template.slotTypes()) {
            row.addFlag(width + type.ordinal(), true);
        }
        row.addHashed(width + TYPES, List.of(text));
        return row.build();
    }

    /** A sparse row under construction, its indices ascending. */
    private final class Row {
        private final List<int[]> indices = new ArrayList<>();
        private final List<float[]> values = new ArrayList<>();

        void addMean(int offset, String text) {
            float[] mean = new float[width];
            int found = 0;
            for (String word : WordVocabulary.tokens(text)) {
                float[] v = vectors.get(word);
                if (v != null) {
                    for (int d = 0; d < width; d++) {
                        mean[d] += v[d];
                    }
                    found++;
                }
            }
            if (found == 0) {
                return;
            }
            double norm = 0;
            for (float x : mean) {
                norm += x * x;
            }
            float scale = (float) (1 / Math.sqrt(norm));
            int[] at = new int[width];
            for (int d = 0; d < width; d++) {
                at[d] = offset + d;
                mean[d] *= scale;
            }
            indices.add(at);
            values.add(mean);
        }

        void addFlag(int index, boolean on) {
            if (on) {
                indices.add(new int[]{index});
                values.add(new float[]{1f});
            }
        }

        /** Hashed n-grams scaled to unit length, like the averages, rather than the featuriser's unit sum. */
        void addHashed(int offset, List<String> segments) {
            SparseFeatures hashed = hashing.features(segments);
            int[] at = hashed.indices().clone();
            float[] weights = hashed.values().clone();
            double norm = 0;
            for (float w : weights) {
                norm += w * w;
            }
            for (int i = 0; i < at.length; i++) {
                at[i] += offset;
                weights[i] /= (float) Math.sqrt(norm);
            }
            indices.add(at);
            values.add(weights);
        }

        SparseFeatures build() {
            int size = indices.stream().mapToInt(a -> a.length).sum();
            int[] i = new int[size];
            float[] v = new float[size];
            int at = 0;
            for (int k = 0; k < indices.size(); k++) {
                System.arraycopy(indices.get(k), 0, i, at, indices.get(k).length);
                System.arraycopy(values.get(k), 0, v, at, values.get(k).length);
                at += indices.get(k).length;
            }
            return new SparseFeatures(Arrays.copyOf(i, at), Arrays.copyOf(v, at));
        }
    }
}
