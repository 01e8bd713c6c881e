package io.sparkdistill.ingest;

import io.sparkdistill.config.ConfigException;
import io.sparkdistill.config.ConfigLoader;
import io.sparkdistill.config.JobConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabelledShareTest {
    private static final List<String> IDS = IntStream.range(0, 20_000)
            .mapToObj(i -> ExampleId.of(TaskType.CLASSIFICATION, Split.TRAIN, Map.of("text", "example " + i), "a"))
            .toList();
    private static final String JOB = """
            name: support
            task: classification
            labels: [billing, refund]
            data:
              train: data/train.jsonl
              test: data/test.jsonl
            """;

    private static long kept(LabelledShare share) {
        return IDS.stream().filter(share::includes).count();
    }

    @Test
    void aTenthShareKeepsAboutATenthOfTheExamples() {
        long kept = kept(new LabelledShare(0.1, 7));
        assertTrue(Math.abs(kept - 2000) < 150, "kept " + kept + " of 20000");
    }

    @Test
    void anotherSeedPicksAnotherShareOfTheSameSize() {
        LabelledShare one = new LabelledShare(0.1, 1);
        LabelledShare two = new LabelledShare(0.1, 2);
        long both = IDS.stream().filter(id -> one.includes(id) && two.includes(id)).count();
        assertTrue(both < 300, "independent shares overlap on about 1% (200), got " + both);
        assertTrue(Math.abs(kept(two) - 2000) < 150);
    }

    @Test
    void aLargerShareHoldsEveryExampleOfASmallerOneUnderTheSameSeed() {
        LabelledShare small = new LabelledShare(0.1, 3);
        LabelledShare large = new LabelledShare(0.3, 3);
        assertTrue(IDS.stream().filter(small::includes).allMatch(large::includes));
        assertNotEquals(kept(small), kept(large));
    }

    @Test
    void theWholeShareKeepsEveryLabelAndTheSameIdIsAlwaysDecidedTheSameWay() {
        assertEquals(IDS.size(), kept(LabelledShare.all()));
        LabelledShare share = new LabelledShare(0.5, 11);
        assertTrue(IDS.stream().allMatch(id -> share.includes(id) == new LabelledShare(0.5, 11).includes(id)));
    }

    @Test
    void theConfigDefaultsToEveryLabelAndRejectsAShareOutsideZeroToOneNamingTheKey() {
        JobConfig defaults = ConfigLoader.parse(JOB, "job.yaml");
        assertTrue(defaults.data().labelledShare().keepsEveryLabel());

        JobConfig tenth = ConfigLoader.parse(JOB + "  labelled_fraction: 0.1\n  labelled_seed: 5\n", "job.yaml");
        assertEquals(new LabelledShare(0.1, 5), tenth.data().labelledShare());

        for (String bad : new String[]{"0", "1.5", "-0.1"}) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> ConfigLoader.parse(JOB + "  labelled_fraction: " + bad + "\n", "job.yaml"));
            assertTrue(e.getMessage().contains("data.labelled_fraction"), e.getMessage());
        }
        assertFalse(new LabelledShare(0.99, 1).keepsEveryLabel());
    }

    /** The share stratified over {@code labelOf}'s classes, as LabelledShares computes it on Spark. */
    private static LabelledShare stratified(LabelledShare uniform, int floor, Map<String, String> labelOf) {
        Map<String, SmallestPositions> smallest = new java.util.HashMap<>();
        labelOf.forEach((id, label) -> smallest.computeIfAbsent(label, l -> new SmallestPositions(floor))
                .add(uniform.position(id)));
        return uniform.stratified(smallest);
    }

    @Test
    void aStratifiedShareKeepsAtLeastKExamplesOfEverySmallClassAndTheUniformDrawOfTheLargeOnes() {
        // 19,970 examples of "big", 25 of "small", 5 of "tiny": a 1% share would keep about 0 of the small classes.
        Map<String, String> labelOf = new java.util.LinkedHashMap<>();
        for (int i = 0; i < IDS.size(); i++) {
            labelOf.put(IDS.get(i), i < 25 ? "small" : i < 30 ? "tiny" : "big");
        }
        LabelledShare uniform = new LabelledShare(0.01, 4);
        LabelledShare share = stratified(uniform, 8, labelOf);
        Map<String, Long> kept = new java.util.HashMap<>();
        labelOf.forEach((id, label) -> {
            if (share.includes(id, label)) {
                kept.merge(label, 1L, Long::sum);
            }
        });
        assertTrue(kept.get("small") >= 8, "small kept " + kept.get("small"));
        assertEquals(5, kept.get("tiny"), "a class smaller than k keeps every example");
        long bigUniform = labelOf.entrySet().stream().filter(e -> e.getValue().equals("big"))
                .filter(e -> uniform.includes(e.getKey())).count();
        assertEquals(bigUniform, kept.get("big"), "a large class keeps exactly the uniform draw");
        assertTrue(labelOf.keySet().stream().filter(uniform::includes)
                .allMatch(id -> share.includes(id, labelOf.get(id))), "the floor only adds examples");
        assertEquals(share, stratified(new LabelledShare(0.01, 4), 8, labelOf), "the same seed gives the same share");
    }

    @Test
    void theFloorDefaultsToFiveAndRejectsANegativeValueNamingTheKey() {
        assertEquals(5, ConfigLoader.parse(JOB, "job.yaml").data().minLabelledPerClass());
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse(JOB + "  min_labelled_per_class: -1\n", "job.yaml"));
        assertTrue(e.getMessage().contains("data.min_labelled_per_class"), e.getMessage());
    }
}
