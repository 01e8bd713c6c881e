package io.sparkdistill.ingest;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Inputs found in two splits. A test or validation input that the students also learn from (in train, or in transfer
 * text) is answered from memory, so the evaluation overstates how well they generalise; a validation input also in
 * test lets early stopping peek at the final score. Inputs are compared without their labels: the same text under
 * another label leaks just the same. Train and transfer may share text, since both are learned from.
 */
public final class SplitOverlap {
    private static final List<List<Split>> LEAKING_PAIRS = List.of(
            List.of(Split.TRAIN, Split.VALIDATION), List.of(Split.TRAIN, Split.TEST),
            List.of(Split.TRANSFER, Split.VALIDATION), List.of(Split.TRANSFER, Split.TEST),
            List.of(Split.VALIDATION, Split.TEST));

    private SplitOverlap() {
    }

    /** The key under which the same input meets itself across splits. */
    public static String inputKey(Example example) {
        return ExampleId.ofInputs(example.task(), example.inputs());
    }

    /**
     * Where one input was seen: a place per split, the first in file and line order, so a
     * message can point at both copies.
     */
    public record Sighting(Map<Split, Place> places) implements Serializable {

        public Sighting {
            places = new EnumMap<>(places);
        }

        public static Sighting of(Example example) {
            return new Sighting(Map.of(example.split(), new Place(example.sourceFile(), example.sourceLine())));
        }

        public Sighting merge(Sighting other) {
            Map<Split, Place> merged = new EnumMap<>(places);
            other.places.forEach((split, place) -> merged.merge(split, place, Place::first));
            return new Sighting(merged);
        }

        /** The leaking pairs this input is in, named "train/test"; empty when it is in one split. */
        public List<String> leakingPairs() {
            List<String> pairs = new ArrayList<>();
            for (List<Split> pair : LEAKING_PAIRS) {
                if (places.containsKey(pair.get(0)) && places.containsKey(pair.get(1))) {
                    pairs.add(pair.get(0).configName() + "/" + pair.get(1).configName());
                }
            }
            return pairs;
        }

        /** "test.jsonl line 2 = train.jsonl line 7", held-out split first. */
        public String describe() {
            List<String> inOrder = new ArrayList<>();
            for (Split split : List.of(Split.TEST, Split.VALIDATION, Split.TRAIN, Split.TRANSFER)) {
                if (places.containsKey(split)) {
                    inOrder.add(places.get(split).toString());
                }
            }
            return String.join(" = ", inOrder);
        }
    }

    /** "3 inputs in both train and test, 1 in both train and validation"; {@code byPair} as from the sightings. */
    public static String describe(Map<String, Long> byPair) {
        List<String> parts = new ArrayList<>();
        byPair.forEach((pair, inputs) -> parts.add(inputs + (inputs == 1 ? " input" : " inputs") + " in both "
                + pair.replace("/", " and ")));
        return String.join(", ", parts);
    }

    /** A row's file and line; of two, the first by file, then line. */
    public record Place(String file, long line) implements Serializable {
        Place first(Place other) {
            int byFile = file.compareTo(other.file);
            return byFile < 0 || byFile == 0 && line <= other.line ? this : other;
        }

        @Override
        public String toString() {
            return file + " line " + line;
        }
    }
}
