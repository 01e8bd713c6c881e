package io.sparkdistill.student;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns an example's input texts into the student's input: a normalised bag of hashed word n-grams.
 *
 * <p>The student is fastText-like, so it sees no vocabulary, only bucket indices. Hashing keeps the model size fixed
 * whatever the corpus, needs no vocabulary pass over the data on Spark, and makes featurisation identical on the
 * driver, on executors and in a service that embeds {@link StudentModel}.
 *
 * <p>Feature scheme (every feature string is hashed with 64-bit FNV-1a over its UTF-8 bytes, then taken modulo
 * {@code buckets}; changing any of this invalidates saved students):
 * <ul>
 *   <li>Tokens: the lower-cased text split on anything that is not a letter or digit; an apostrophe is kept when it
 *       sits between two letters or digits ({@code "don't"} stays one token).</li>
 *   <li>One segment (classification): each word n-gram for n = 1..{@code ngrams}, its words joined by a space,
 *       e.g. {@code "good"}, {@code "very good"}.</li>
 *   <li>Character n-grams, when {@code charNgrams} is at least 3 (fastText's subword information): each word is
 *       wrapped as {@code "<word>"} and every substring of 3..{@code charNgrams} characters becomes a feature
 *       {@code "c:" + prefix + gram}, so a typo ({@code "refnud"}) or another form of a word ({@code "charged"},
 *       {@code "charges"}) still shares most of its features with the word the student learned.</li>
 *   <li>Several segments (NLI: premise, hypothesis): the same n-grams prefixed with the segment's index,
 *       {@code "0:good"}, {@code "1:very good"}, so the premise's words and the hypothesis's words stay apart.
 *       A bag of words cannot see how the two relate, so for two segments cross features are added: for each
 *       hypothesis word, {@code "shared:" + word} if the premise also contains it, else {@code "new:" + word}
 *       (new words in the hypothesis are what make it neutral or contradictory); and a negation marker per segment
 *       that contains a negation word ({@code "neg:0"}, {@code "neg:1"}), plus {@code "neg:hypothesis-only"} when
 *       only the hypothesis negates (a strong contradiction cue).</li>
 * </ul>
 * Each occurrence of a feature counts once; counts that hash to the same bucket are merged; the weights are the
 * counts divided by their total, so they sum to 1 and the student's first layer computes the average of the firing
 * buckets' embedding rows. Text without any token yields no features.
 */
public final class HashingFeaturizer implements StudentInput {

    private static final long serialVersionUID = 1L;
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final Set<String> NEGATIONS = Set.of("not", "no", "never", "nobody", "nothing", "none",
            "neither", "nor", "nowhere", "without", "cannot");

    private static final int MIN_CHAR_NGRAM = 3;

    private final int buckets;
    private final int ngrams;
    private final int charNgrams;

    /** Word n-grams only. */
    public HashingFeaturizer(int buckets, int ngrams) {
        this(buckets, ngrams, 0);
    }

    /**
     * @param charNgrams longest character n-gram inside words (3 or more), or 0 for none
     */
    public HashingFeaturizer(int buckets, int ngrams, int charNgrams) {
        if (buckets < 1) {
            throw new IllegalArgumentException("buckets must be at least 1, got " + buckets);
        }
        if (ngrams < 1) {
            throw new IllegalArgumentException("ngrams must be at least 1, got " + ngrams);
        }
        if (charNgrams != 0 && charNgrams < MIN_CHAR_NGRAM) {
            throw new IllegalArgumentException("charNgrams must be 0 (off) or at least " + MIN_CHAR_NGRAM + ", got "
                    + charNgrams);
        }
        this.buckets = buckets;
        this.ngrams = ngrams;
        this.charNgrams = charNgrams;
    }

    public int buckets() {
        return buckets;
    }

    public int ngrams() {
        return ngrams;
    }

    public int charNgrams() {
        return charNgrams;
    }

    /** The features of one example whose input texts are {@code segments}, in the task's field order. */
    public SparseFeatures features(List<String> segments) {
        return normalise(collect(segments));
    }

    /**
     * Every feature occurrence's bucket, in no order and not merged: what {@link #features} counts. The student's
     * forward pass sums the rows of these and divides by their number, which is the same average without the sort
     * that merging needs (on a long text, sorting its thousand-odd occurrences costs more than hashing them).
     */
    public int[] occurrences(List<String> segments) {
        return collect(segments).toArray();
    }

    private BucketList collect(List<String> segments) {
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("an example needs at least one input text");
        }
        List<List<String>> tokens = new ArrayList<>(segments.size());
        for (String segment : segments) {
            tokens.add(tokenize(segment == null ? "" : segment));
        }
        BucketList features = new BucketList();
        boolean prefixed = segments.size() > 1;
        for (int s = 0; s < tokens.size(); s++) {
            String prefix = prefixed ? s + ":" : "";
            addNgrams(tokens.get(s), prefix, features);
            addCharNgrams(tokens.get(s), prefix, features);
        }
        if (segments.size() == 2) {
            addCrossFeatures(tokens.get(0), tokens.get(1), features);
        }
        return features;
    }

    /**
     * The fastText network's input ({@link StudentNetwork}): per example its firing buckets' ids, padded to the
     * batch's longest list, and as mask each bucket's weight (0 on padding). The {@link EmbeddingBag} sums the rows
     * so weighted: the average of the bag of n-grams, as a dense bucket vector times the embedding matrix would,
     * without the vector's thousands of zeros.
     */
    @Override
    public BatchFeatures batch(List<List<String>> examples) {
        List<SparseFeatures> bags = new ArrayList<>(examples.size());
        int width = 1; // an example without features still has one (masked) column
        for (List<String> segments : examples) {
            SparseFeatures bag = features(segments);
            bags.add(bag);
            width = Math.max(width, bag.size());
        }
        float[] ids = new float[bags.size() * width];
        float[] mask = new float[bags.size() * width];
        for (int i = 0; i < bags.size(); i++) {
            SparseFeatures bag = bags.get(i);
            for (int k = 0; k < bag.size(); k++) {
                ids[i * width + k] = bag.indices()[k];
                mask[i * width + k] = bag.values()[k];
            }
        }
        return new BatchFeatures(Nd4j.createFromArray(ids).reshape(bags.size(), width),
                Nd4j.createFromArray(mask).reshape(bags.size(), width));
    }

    @Override
    public boolean padsToLongest() {
        return true;
    }

    /** The bucket of one feature string. */
    int bucket(String feature) {
        return bucketOf(fnv(FNV_OFFSET, feature, 0, feature.length()));
    }

    private int bucketOf(long hash) {
        return (int) Long.remainderUnsigned(hash, buckets);
    }

    /**
     * Continues a 64-bit FNV-1a hash over the UTF-8 bytes of {@code text[from, to)} without building a string or a
     * byte array: character n-grams are most of the student's features, and hashing them is most of its inference
     * time. Same bytes as {@code String.getBytes(UTF_8)}, which writes '?' for a lone surrogate.
     */
    private static long fnv(long hash, String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                hash = (hash ^ c) * FNV_PRIME;
            } else if (c < 0x800) {
                hash = (hash ^ (0xc0 | (c >> 6))) * FNV_PRIME;
                hash = (hash ^ (0x80 | (c & 0x3f))) * FNV_PRIME;
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(++i));
                hash = (hash ^ (0xf0 | (cp >> 18))) * FNV_PRIME;
                hash = (hash ^ (0x80 | ((cp >> 12) & 0x3f))) * FNV_PRIME;
                hash = (hash ^ (0x80 | ((cp >> 6) & 0x3f))) * FNV_PRIME;
                hash = (hash ^ (0x80 | (cp & 0x3f))) * FNV_PRIME;
            } else if (Character.isSurrogate(c)) {
                hash = (hash ^ '?') * FNV_PRIME;
            } else {
                hash = (hash ^ (0xe0 | (c >> 12))) * FNV_PRIME;
                hash = (hash ^ (0x80 | ((c >> 6) & 0x3f))) * FNV_PRIME;
                hash = (hash ^ (0x80 | (c & 0x3f))) * FNV_PRIME;
            }
        }
        return hash;
    }

    static List<String> tokenize(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            boolean wordChar = Character.isLetterOrDigit(c);
            boolean innerApostrophe = (c == '\'' || c == '\u2019') && current.length() > 0
                    && i + 1 < lower.length() && Character.isLetterOrDigit(lower.charAt(i + 1));
            if (wordChar || innerApostrophe) {
                current.append(innerApostrophe ? '\'' : c);
            } else if (current.length() > 0) {
                tokens.add(current.toString());
                current.setLength(0);
            }
        }
        if (current.length() > 0) {
            tokens.add(current.toString());
        }
        return tokens;
    }

    /** Hashes each n-gram as the string {@code prefix + "w1 w2"} would be, continuing the hash word by word. */
    private void addNgrams(List<String> words, String prefix, BucketList out) {
        long prefixHash = fnv(FNV_OFFSET, prefix, 0, prefix.length());
        for (int start = 0; start < words.size(); start++) {
            long hash = prefixHash;
            for (int n = 0; n < ngrams && start + n < words.size(); n++) {
                if (n > 0) {
                    hash = (hash ^ ' ') * FNV_PRIME;
                }
                String word = words.get(start + n);
                hash = fnv(hash, word, 0, word.length());
                out.add(bucketOf(hash));
            }
        }
    }

    private void addCharNgrams(List<String> words, String prefix, BucketList out) {
        if (charNgrams == 0) {
            return;
        }
        String marker = "c:" + prefix;
        long markerHash = fnv(FNV_OFFSET, marker, 0, marker.length());
        for (String word : words) {
            String wrapped = "<" + word + ">";
            int longest = Math.min(charNgrams, wrapped.length() - 1);
            for (int start = 0; longest >= MIN_CHAR_NGRAM && start + MIN_CHAR_NGRAM <= wrapped.length(); start++) {
                long hash = fnv(markerHash, wrapped, start, start + MIN_CHAR_NGRAM);
                out.add(bucketOf(hash));
                for (int end = start + MIN_CHAR_NGRAM + 1; end <= start + longest && end <= wrapped.length(); end++) {
                    // Each longer gram continues the shorter one's hash by one character. That is exact because a
                    // token holds no surrogate (tokenize keeps letters and digits char by char, and a surrogate is
                    // neither), so no character pair is split between two steps.
                    hash = fnv(hash, wrapped, end - 1, end);
                    out.add(bucketOf(hash));
                }
            }
        }
    }

    private void addCrossFeatures(List<String> premise, List<String> hypothesis, BucketList out) {
        Set<String> premiseWords = new HashSet<>(premise);
        for (String word : hypothesis) {
            out.add(bucket((premiseWords.contains(word) ? "shared:" : "new:") + word));
        }
        boolean premiseNegates = negates(premise);
        boolean hypothesisNegates = negates(hypothesis);
        if (premiseNegates) {
            out.add(bucket("neg:0"));
        }
        if (hypothesisNegates) {
            out.add(bucket("neg:1"));
        }
        if (hypothesisNegates && !premiseNegates) {
            out.add(bucket("neg:hypothesis-only"));
        }
    }

    private static boolean negates(List<String> words) {
        for (String word : words) {
            if (NEGATIONS.contains(word) || word.endsWith("n't")) {
                return true;
            }
        }
        return false;
    }

    private static SparseFeatures normalise(BucketList features) {
        int[] hashed = features.toArray();
        Arrays.sort(hashed);
        int[] indices = new int[hashed.length];
        float[] values = new float[hashed.length];
        int distinct = 0;
        for (int i = 0; i < hashed.length; i++) {
            if (distinct > 0 && indices[distinct - 1] == hashed[i]) {
                values[distinct - 1] += 1f;
            } else {
                indices[distinct] = hashed[i];
                values[distinct] = 1f;
                distinct++;
            }
        }
        float total = hashed.length;
        for (int i = 0; i < distinct; i++) {
            values[i] /= total;
        }
        return new SparseFeatures(Arrays.copyOf(indices, distinct), Arrays.copyOf(values, distinct));
    }

    /** A growable list of bucket indices, so featurising allocates one int array rather than a boxed list. */
    private static final class BucketList {
        private int[] buckets = new int[64];
        private int size;

        void add(int bucket) {
            if (size == buckets.length) {
                buckets = Arrays.copyOf(buckets, size * 2);
            }
            buckets[size++] = bucket;
        }

        int[] toArray() {
            return Arrays.copyOf(buckets, size);
        }
    }
}
