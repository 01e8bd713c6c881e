package io.sparkdistill.student;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HashingFeaturizerTest {

    private static final int BUCKETS = 1 << 20;
    private final HashingFeaturizer featurizer = new HashingFeaturizer(BUCKETS, 2);

    private static float weightOf(SparseFeatures features, int bucket) {
        for (int i = 0; i < features.size(); i++) {
            if (features.indices()[i] == bucket) {
                return features.values()[i];
            }
        }
        return 0f;
    }

    @Test
    void twoInstancesWithTheSameSettingsGiveTheSameFeatures() {
        SparseFeatures first = new HashingFeaturizer(BUCKETS, 2).features(List.of("The film was great!"));
        SparseFeatures second = new HashingFeaturizer(BUCKETS, 2).features(List.of("The film was great!"));
        assertArrayEquals(first.indices(), second.indices());
        assertArrayEquals(first.values(), second.values());
    }

    @Test
    void occurrencesCountedAndDividedByTheirNumberAreTheFeatures() {
        HashingFeaturizer withCharacters = new HashingFeaturizer(512, 2, 5);
        List<String> pair = List.of("A rose is a rose, isn't it?", "It is not a rose");
        int[] occurrences = withCharacters.occurrences(pair);
        SparseFeatures features = withCharacters.features(pair);
        assertTrue(occurrences.length > features.size(), "512 buckets merge some of the pair's features");
        float[] counted = new float[512];
        for (int bucket : occurrences) {
            counted[bucket] += 1f / occurrences.length;
        }
        for (int i = 0; i < features.size(); i++) {
            assertEquals(counted[features.indices()[i]], features.values()[i], 1e-6f);
        }
        assertEquals(features.size(), (int) IntStream.range(0, 512).filter(b -> counted[b] > 0)
                .count());
    }

    @Test
    void bucketsDoNotDependOnTheJvmsStringHashCode() {
        // FNV-1a 64 of "a" is 0xaf63dc4c8601ec8c; modulo 2^20 that is 0x1ec8c
        assertEquals(0x1ec8c, featurizer.bucket("a"));
    }

    @Test
    void weightsSumToOneAndBucketsAreDistinctAndAscending() {
        SparseFeatures features = featurizer.features(List.of("a rose is a rose is a rose"));
        double sum = 0;
        for (float v : features.values()) {
            sum += v;
        }
        assertEquals(1.0, sum, 1e-6);
        for (int i = 1; i < features.size(); i++) {
            assertTrue(features.indices()[i - 1] < features.indices()[i]);
        }
    }

    @Test
    void repeatedNgramsAreMergedIntoOneHeavierBucket() {
        // tokens: a rose is a rose is a rose -> 8 unigrams + 7 bigrams = 15 occurrences; "rose" occurs 3 times
        SparseFeatures features = featurizer.features(List.of("a rose is a rose is a rose"));
        assertEquals(3f / 15f, weightOf(features, featurizer.bucket("rose")), 1e-7f);
    }

    @Test
    void wordBigramsArePresentAlongsideUnigrams() {
        SparseFeatures features = featurizer.features(List.of("Not good"));
        assertTrue(weightOf(features, featurizer.bucket("not good")) > 0);
        assertTrue(weightOf(features, featurizer.bucket("good")) > 0);
        assertEquals(0f, weightOf(new HashingFeaturizer(BUCKETS, 1).features(List.of("Not good")),
                featurizer.bucket("not good")));
    }

    @Test
    void tokensAreLowercaseWordsThatKeepInnerApostrophes() {
        assertEquals(List.of("don't", "stop", "it's", "2024", "rock"),
                HashingFeaturizer.tokenize("Don't STOP -- it's 2024 'rock'!"));
    }

    @Test
    void nliFeaturesArePrefixedBySegmentAndMarkSharedAndNewHypothesisWords() {
        SparseFeatures features = featurizer.features(List.of("A man plays guitar.", "A man is not singing."));
        assertTrue(weightOf(features, featurizer.bucket("0:guitar")) > 0);
        assertTrue(weightOf(features, featurizer.bucket("1:singing")) > 0);
        assertEquals(0f, weightOf(features, featurizer.bucket("singing")));
        assertTrue(weightOf(features, featurizer.bucket("shared:man")) > 0);
        assertTrue(weightOf(features, featurizer.bucket("new:singing")) > 0);
        assertEquals(0f, weightOf(features, featurizer.bucket("new:man")));
    }

    @Test
    void nliFeaturesMarkNegationInEachSegmentAndWhenOnlyTheHypothesisNegates() {
        SparseFeatures onlyHypothesis = featurizer.features(List.of("He sleeps.", "He doesn't sleep."));
        assertTrue(weightOf(onlyHypothesis, featurizer.bucket("neg:1")) > 0);
        assertTrue(weightOf(onlyHypothesis, featurizer.bucket("neg:hypothesis-only")) > 0);
        assertEquals(0f, weightOf(onlyHypothesis, featurizer.bucket("neg:0")));

        SparseFeatures both = featurizer.features(List.of("He never sleeps.", "He does not sleep."));
        assertTrue(weightOf(both, featurizer.bucket("neg:0")) > 0);
        assertEquals(0f, weightOf(both, featurizer.bucket("neg:hypothesis-only")));
    }

    @Test
    void aBatchHoldsEachExamplesBucketsWithTheirWeightsAndMasksThePadding() {
        HashingFeaturizer small = new HashingFeaturizer(64, 2);
        List<String> longer = List.of("small but mighty");
        List<String> shorter = List.of("small");
        SparseFeatures sparse = small.features(longer);
        BatchFeatures batch = small.batch(List.of(longer, shorter, List.of("?!")));
        assertArrayEquals(new long[] {3, sparse.size()}, batch.features().shape());
        for (int k = 0; k < sparse.size(); k++) {
            assertEquals(sparse.indices()[k], batch.features().getFloat(0, k));
            assertEquals(sparse.values()[k], batch.mask().getFloat(0, k));
        }
        assertEquals(small.bucket("small"), batch.features().getFloat(1, 0));
        assertEquals(1f, batch.mask().getFloat(1, 0));
        assertEquals(0f, batch.mask().getRow(1).sumNumber().floatValue() - 1f, 1e-6, "padding is masked");
        assertEquals(0f, batch.mask().getRow(2).sumNumber().floatValue(), "a text without features reads nothing");
    }

    @Test
    void textWithoutWordsHasNoFeatures() {
        assertEquals(0, featurizer.features(List.of("?! ...")).size());
        assertFalse(featurizer.features(List.of("?!", "yes")).size() == 0);
    }

    @Test
    void rejectsZeroBucketsAndAnExampleWithoutTexts() {
        assertThrows(IllegalArgumentException.class, () -> new HashingFeaturizer(0, 2));
        assertThrows(IllegalArgumentException.class, () -> featurizer.features(List.of()));
    }

    @Test
    void characterNgramsLetATypoShareMostFeaturesWithTheWord() {
        HashingFeaturizer subwords = new HashingFeaturizer(BUCKETS, 1, 5);
        SparseFeatures word = subwords.features(List.of("refund"));
        SparseFeatures typo = subwords.features(List.of("refnud"));
        SparseFeatures other = subwords.features(List.of("parcel"));
        assertTrue(sharedBuckets(word, typo) >= 3, "'<re', '<ref', '<refn'... are shared");
        assertEquals(0, sharedBuckets(word, other));
        // Without character n-grams the two spellings have nothing in common.
        assertEquals(0, sharedBuckets(featurizer.features(List.of("refund")), featurizer.features(List.of("refnud"))));
    }

    @Test
    void characterNgramsOfThreeToFiveCoverEveryWrappedSubstring() {
        // "<ab>" has 4 characters: 3-grams "<ab", "ab>"; its 4-gram is the whole wrapped word and is left to the
        // word feature; plus the word unigram itself: 3 features, 3 distinct buckets in a large table.
        assertEquals(3, new HashingFeaturizer(BUCKETS, 1, 5).features(List.of("ab")).size());
        assertThrows(IllegalArgumentException.class, () -> new HashingFeaturizer(BUCKETS, 1, 2));
    }

    @Test
    void characterNgramBucketsAreThoseOfTheirSubstringsWrittenOut() {
        HashingFeaturizer subwords = new HashingFeaturizer(BUCKETS, 1, 5);
        String text = "Kraków refunds \uD83D\uDE00smile\uD83D\uDE00 價格表 a\uD83Dz";
        List<Integer> expected = new java.util.ArrayList<>();
        for (String word : HashingFeaturizer.tokenize(text)) {
            expected.add(subwords.bucket(word));
            String wrapped = "<" + word + ">";
            for (int n = 3; n <= Math.min(5, wrapped.length() - 1); n++) {
                for (int start = 0; start + n <= wrapped.length(); start++) {
                    expected.add(subwords.bucket("c:" + wrapped.substring(start, start + n)));
                }
            }
        }
        int[] occurrences = subwords.occurrences(List.of(text));
        java.util.Arrays.sort(occurrences);
        assertArrayEquals(expected.stream().mapToInt(Integer::intValue).sorted().toArray(), occurrences);
    }

    @Test
    void bucketsAreFnv1aOverTheUtf8BytesForEveryKindOfCharacter() {
        for (String feature : new String[]{"refund", "José", "Kraków ß", "価格", "emoji \uD83D\uDE00", "lone \uD83D x"}) {
            long hash = 0xcbf29ce484222325L;
            for (byte b : feature.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
            }
            assertEquals((int) Long.remainderUnsigned(hash, BUCKETS), featurizer.bucket(feature), feature);
        }
    }

    private static int sharedBuckets(SparseFeatures a, SparseFeatures b) {
        java.util.Set<Integer> left = new java.util.HashSet<>();
        for (int index : a.indices()) {
            left.add(index);
        }
        int shared = 0;
        for (int index : b.indices()) {
            shared += left.contains(index) ? 1 : 0;
        }
        return shared;
    }
}
