package io.sparkdistill.student.summary;

import io.sparkdistill.evaluate.text.RougeScorer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A sentence's soft target is what it adds to the extract's ROUGE against the target, as the greedy oracle adds. */
class OracleGainsTest {
    private static final List<String> SENTENCES = List.of(
            "The weather was mild all week.",
            "The council approved a new bridge costing 12 million euros.",
            "Residents had complained about parking for years.",
            "The bridge will open in 2030 after two years of work.");

    @Test
    void theSentenceThatCoversMostOfTheTargetGetsOneAndUnrelatedSentencesGetNothing() {
        float[] gains = OracleGains.of(SENTENCES, List.of("The council approved a new bridge costing 12 million "
                + "euros. The bridge will open in 2030."));
        assertEquals(1f, gains[1], 1e-6);
        assertEquals(0f, gains[0], 1e-6);
        assertEquals(0f, gains[2], 1e-6);
        assertTrue(gains[3] > 0 && gains[3] < 1, "the opening adds something, less than the approval: " + gains[3]);
    }

    @Test
    void severalTargetsAverageTheirNormalisedGains() {
        String bridge = "The council approved a new bridge costing 12 million euros.";
        String parking = "Residents had complained about parking for years.";
        float[] one = OracleGains.of(SENTENCES, List.of(bridge));
        float[] other = OracleGains.of(SENTENCES, List.of(parking));
        float[] both = OracleGains.of(SENTENCES, List.of(bridge, parking));
        for (int i = 0; i < SENTENCES.size(); i++) {
            assertEquals((one[i] + other[i]) / 2, both[i], 1e-6);
        }
        assertEquals(0.5f, both[1], 1e-6);
        assertEquals(0.5f, both[2], 1e-6);
    }

    @Test
    void aTargetSharingNoWordWithTheDocumentGivesNoGain() {
        assertArrayEquals(new float[4], OracleGains.of(SENTENCES, List.of("Zebras graze quietly.")));
    }

    @Test
    void theOraclesRougeOnWordIdsIsTheRougeScorersOnTheTexts() {
        Random random = new Random(3);
        List<String> pool = List.of("bridge", "council", "the", "a", "new", "12", "euros", "open", "2030", "work",
                "years", "mild");
        for (int trial = 0; trial < 200; trial++) {
            String target = words(pool, random, 1 + random.nextInt(12));
            String extract = words(pool, random, random.nextInt(20));
            Map<String, Integer> ids = new HashMap<>();
            int[] targetIds = ids(target, ids);
            int[] extractIds = ids(extract, ids);
            RougeScorer.ExampleScores expected = RougeScorer.score(target, extract);
            double mean = (expected.rouge1().fmeasure() + expected.rouge2().fmeasure()
                    + expected.rougeL().fmeasure()) / 3;
            assertEquals(mean, new TokenRouge(targetIds, ids.size()).meanF(extractIds), 1e-12,
                    target + " | " + extract);
        }
    }

    private static String words(List<String> pool, Random random, int count) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            words.add(pool.get(random.nextInt(pool.size())));
        }
        return String.join(" ", words);
    }

    private static int[] ids(String text, Map<String, Integer> ids) {
        return RougeScorer.tokenize(text).stream().mapToInt(w -> ids.computeIfAbsent(w, k -> ids.size())).toArray();
    }
}
