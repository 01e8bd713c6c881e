package io.sparkdistill.evaluate.text;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The mergeable statistics give exactly (to the bit) the corpus scores of the list scorers, however the corpus is cut
 * into chunks and in whatever order and grouping the chunks are merged, as Spark's tree aggregate does it, and after
 * the trip through Java serialisation that carries them from executor to driver.
 */
class TextMetricStatisticsTest {
    private static final List<String> WORDS = List.of("the", "cat", "sat", "on", "a", "mat", "dog", "ran", "to",
            "Paris", "in", "1889", "tower", "x", "é", "don't", "it's", "3.5", "-", ",", ".", "?");
    private static final int EXAMPLES = 120;
    private static final int SPLITS = 5;

    @Test
    void bleuAndChrfMergedFromAnyChunksEqualTheCorpusScorers() throws Exception {
        Corpus corpus = Corpus.random(new Random(1), false);
        assertSameAfterAnyMerge(corpus, BleuChrFStatistics::new, (p, r) -> Map.of(
                "bleu", SacreBleu.corpusBleu(p, r).score(), "chrf", ChrF.corpusChrf(p, r)));
    }

    @Test
    void rougeMergedFromAnyChunksEqualsTheCorpusScorer() throws Exception {
        Corpus corpus = Corpus.random(new Random(2), false);
        assertSameAfterAnyMerge(corpus, RougeStatistics::new, (p, r) -> {
            RougeScorer.Scores s = RougeScorer.score(p, r);
            return Map.of("rouge1", s.rouge1(), "rouge2", s.rouge2(), "rougeL", s.rougeL());
        });
    }

    @Test
    void squadMergedFromAnyChunksEqualsTheCorpusScorer() throws Exception {
        Corpus corpus = Corpus.random(new Random(3), false);
        assertSameAfterAnyMerge(corpus, SquadStatistics::new, (p, r) -> {
            SquadMetrics.Scores s = SquadMetrics.score(p, r);
            return Map.of("exact_match", s.exactMatch(), "f1", s.f1());
        });
    }

    @Test
    void mathExactMatchMergedFromAnyChunksEqualsTheCorpusScorer() throws Exception {
        Corpus corpus = Corpus.random(new Random(4), true);
        assertSameAfterAnyMerge(corpus, MathStatistics::new, (p, r) -> Map.of(
                "exact_match", MathAnswer.exactMatch(p, r)));
    }

    @Test
    void theSequentialSumOfPerExampleScoresAgreesToRoundingWithTheExactOne() {
        Corpus corpus = Corpus.random(new Random(5), false);
        double sequential = 0;
        for (int i = 0; i < EXAMPLES; i++) {
            sequential += SquadMetrics.maxF1(corpus.predictions.get(i), corpus.references.get(i));
        }
        assertEquals(100.0 * sequential / EXAMPLES, SquadMetrics.score(corpus.predictions, corpus.references).f1(),
                1e-9);
    }

    @Test
    void statisticsWithNoExampleRefuseToScore() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BleuChrFStatistics().merge(new BleuChrFStatistics()).metrics());
        assertEquals("no examples to score", e.getMessage());
    }

    private static void assertSameAfterAnyMerge(Corpus corpus, Supplier<TextMetricStatistics> empty,
                                                BiFunction<List<String>, List<List<String>>, Map<String, Double>>
                                                        scorer) throws Exception {
        Map<String, Double> expected = scorer.apply(corpus.predictions, corpus.references);
        assertEquals(expected, empty.get().addAll(corpus.predictions, corpus.references).metrics());
        Random random = new Random(42);
        for (int split = 0; split < SPLITS; split++) {
            List<TextMetricStatistics> chunks = new ArrayList<>();
            int start = 0;
            while (start < EXAMPLES) {
                int end = Math.min(EXAMPLES, start + 1 + random.nextInt(25));
                chunks.add(roundTrip(empty.get().addAll(corpus.predictions.subList(start, end),
                        corpus.references.subList(start, end))));
                start = end;
            }
            chunks.add(empty.get()); // an empty partition
            // Merge random pairs until one is left: every grouping and order a tree aggregate could pick.
            while (chunks.size() > 1) {
                TextMetricStatistics a = chunks.remove(random.nextInt(chunks.size()));
                TextMetricStatistics b = chunks.remove(random.nextInt(chunks.size()));
                chunks.add(roundTrip(a.merge(b)));
            }
            assertEquals(EXAMPLES, chunks.get(0).count());
            assertEquals(expected, chunks.get(0).metrics(), "split " + split);
        }
    }

    private static TextMetricStatistics roundTrip(TextMetricStatistics statistics) throws IOException,
            ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(statistics);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (TextMetricStatistics) in.readObject();
        }
    }

    /** Random sentences, a prediction often near one of its one to three references. */
    private record Corpus(List<String> predictions, List<List<String>> references) {
        static Corpus random(Random random, boolean numericAnswers) {
            List<String> predictions = new ArrayList<>();
            List<List<String>> references = new ArrayList<>();
            for (int i = 0; i < EXAMPLES; i++) {
                List<String> refs = new ArrayList<>();
                int count = 1 + random.nextInt(3);
                for (int r = 0; r < count; r++) {
                    refs.add(sentence(random) + (numericAnswers ? " so the answer is " + random.nextInt(4) : ""));
                }
                String prediction = random.nextBoolean() ? refs.get(0) : sentence(random);
                if (numericAnswers && random.nextBoolean()) {
                    prediction = prediction + " = " + random.nextInt(4);
                }
                predictions.add(random.nextInt(10) == 0 ? "" : mutate(prediction, random));
                references.add(refs);
            }
            return new Corpus(predictions, references);
        }

        private static String sentence(Random random) {
            StringBuilder s = new StringBuilder();
            int words = 1 + random.nextInt(15);
            for (int w = 0; w < words; w++) {
                s.append(w == 0 ? "" : " ").append(WORDS.get(random.nextInt(WORDS.size())));
            }
            return s.toString();
        }

        private static String mutate(String sentence, Random random) {
            List<String> tokens = new ArrayList<>(List.of(sentence.split(" ")));
            if (random.nextBoolean() && tokens.size() > 1) {
                tokens.remove(random.nextInt(tokens.size()));
            }
            if (random.nextBoolean()) {
                tokens.add(random.nextInt(tokens.size() + 1), WORDS.get(random.nextInt(WORDS.size())));
            }
            return String.join(" ", tokens);
        }
    }
}
