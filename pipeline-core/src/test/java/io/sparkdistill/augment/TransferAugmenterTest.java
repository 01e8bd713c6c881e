package io.sparkdistill.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdistill.config.AugmentationConfig;
import io.sparkdistill.ingest.Example;
import io.sparkdistill.ingest.ExampleId;
import io.sparkdistill.ingest.Split;
import io.sparkdistill.ingest.TaskType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TransferAugmenterTest {

    private static final List<String> TEXTS = List.of(
            "The painter loves the light of the morning.",
            "The teacher grades the papers of the class.",
            "A player kicks the ball into the goal.");

    private static Example example(String text) {
        Map<String, String> inputs = Map.of("text", text);
        return new Example(ExampleId.of(TaskType.CLASSIFICATION, Split.TRAIN, inputs, "art"),
                TaskType.CLASSIFICATION, Split.TRAIN, inputs, "art", "train.jsonl", 7);
    }

    private static SlotLexicon lexicon() {
        Map<String, List<String>> slots = new HashMap<>();
        for (String text : TEXTS) {
            for (Map.Entry<String, String> pair : SlotLexicon.slotsOf(text)) {
                slots.merge(pair.getKey(), List.of(pair.getValue()), SlotLexicon::merge);
            }
        }
        return new SlotLexicon(slots);
    }

    @Test
    void aWordsSlotIsItsPredecessorWithoutCaseOrPunctuationAndMergingIsOrderFree() {
        SlotLexicon lexicon = lexicon();
        assertEquals(Set.of("painter", "teacher", "light", "morning.", "papers", "class.", "ball", "goal."),
                Set.copyOf(lexicon.wordsIn("the")));
        assertEquals(Set.of("The", "A"), Set.copyOf(lexicon.wordsIn(SlotLexicon.START)));
        assertEquals("morning", SlotLexicon.slot("\"Morning,"));
        assertEquals(SlotLexicon.merge(List.of("b", "a"), List.of("c")), SlotLexicon.merge(List.of("c", "a"),
                List.of("b")));
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add("w" + i);
        }
        assertEquals(SlotLexicon.MAX_WORDS, SlotLexicon.merge(many, List.of()).size());
    }

    @Test
    void copiesAreUnlabelledTransferExamplesMadeOfMasksSameSlotSwapsAndNgramsAndRepeatExactly() {
        AugmentationConfig config = new AugmentationConfig(20, 0.2, 0.2, 0.25, 9L);
        TransferAugmenter augmenter = new TransferAugmenter(config, lexicon());
        Example original = example(TEXTS.get(0));
        List<Example> copies = augmenter.copies(original);

        assertTrue(copies.size() >= 15, copies.size() + " distinct copies of 20");
        Set<String> ids = new HashSet<>();
        boolean masked = false;
        boolean swapped = false;
        boolean cut = false;
        Set<String> known = new HashSet<>(SlotLexicon.words(String.join(" ", TEXTS)));
        known.add(AugmentationConfig.MASK);
        for (Example copy : copies) {
            assertEquals(Split.TRANSFER, copy.split());
            assertNull(copy.label(), "a copy never carries the gold label");
            assertTrue(ids.add(copy.id()));
            assertNotEquals(original.id(), copy.id());
            assertTrue(copy.sourceFile().startsWith("train.jsonl#copy="), copy.sourceFile());
            List<String> words = SlotLexicon.words(copy.inputs().get("text"));
            assertTrue(known.containsAll(words), "every word comes from the text, a mask or a slot: " + words);
            masked |= words.contains(AugmentationConfig.MASK);
            swapped |= words.stream().anyMatch(w -> !w.equals(AugmentationConfig.MASK)
                    && !SlotLexicon.words(original.inputs().get("text")).contains(w));
            cut |= words.size() <= 5;
        }
        assertTrue(masked && swapped && cut, "masked " + masked + ", swapped " + swapped + ", cut " + cut);

        assertEquals(copies, new TransferAugmenter(config, lexicon()).copies(original), "same seed, same copies");
        assertNotEquals(copies, new TransferAugmenter(new AugmentationConfig(20, 0.2, 0.2, 0.25, 10L), lexicon())
                .copies(original), "another seed, other copies");
    }

    @Test
    void withNoPerturbationThereIsNoCopy() {
        TransferAugmenter augmenter = new TransferAugmenter(new AugmentationConfig(5, 0.0, 0.0, 0.0, 1L), lexicon());
        assertEquals(List.of(), augmenter.copies(example(TEXTS.get(1))));
    }
}
