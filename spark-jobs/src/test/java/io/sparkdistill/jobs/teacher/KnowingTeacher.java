package io.sparkdistill.jobs.teacher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * An {@link Answerer} for the text tasks' samples that knows their answers, standing in for a strong teacher model
 * that cannot run here: it answers every request with a gold reference of the sample example it is about.
 */
public final class KnowingTeacher {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KnowingTeacher() {
    }

    /**
     * A teacher that knows the sample's answers: it finds the example whose input texts all appear in the request
     * (the first such in file order, train then validation then test) and answers with a gold reference (for qa the
     * last listed form of the answer, so its wording differs from the baseline's target, the first).
     */
    public static Answerer of(String task, Path data) throws IOException {
        List<Known> known = new ArrayList<>();
        for (String split : List.of("train", "validation", "test")) {
            for (String line : Files.readAllLines(data.resolve(split + ".jsonl"))) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode row = JSON.readTree(line);
                known.add(new Known(known.size(), inputTexts(task, row), answer(task, row)));
            }
        }
        KnownIndex index = new KnownIndex(known);
        return messages -> {
            String request = messages.stream().map(Answerer.Message::content).collect(Collectors.joining("\n"));
            return Answerer.Answer.text(index.answerTo(request)
                    .orElseThrow(() -> new IllegalStateException("no sample example in " + request)));
        };
    }

    private static List<String> inputTexts(String task, JsonNode row) {
        return switch (task) {
            case "qa" -> List.of(row.get("context").asText(), row.get("question").asText());
            case "summarisation" -> List.of(row.get("document").asText());
            case "conversation" -> {
                List<String> turns = new ArrayList<>();
                row.get("messages").forEach(m -> turns.add(m.get("content").asText()));
                yield turns;
            }
            case "math" -> List.of(row.get("question").asText());
            default -> throw new IllegalArgumentException(task);
        };
    }

    /** The answer this teacher gives to an input row of the task. */
    public static String answer(String task, JsonNode row) {
        return switch (task) {
            case "qa" -> row.get("answers").get(row.get("answers").size() - 1).asText();
            case "summarisation" -> row.get("summary").asText();
            case "conversation" -> row.get("reference").asText();
            case "math" -> row.get("answer").asText();
            default -> throw new IllegalArgumentException(task);
        };
    }

    /** One known example: its position in the files, its input texts, and the answer it gets. */
    private record Known(int order, List<String> inputs, String answer) {
        boolean isIn(String request) {
            return inputs.stream().allMatch(request::contains);
        }
    }

    /**
     * The known examples by the start of their first input text, so that a request is matched against the few
     * examples whose first text starts somewhere in it rather than against all of them (real data sets have
     * thousands of long rows, and a linear scan per request made the teacher the slowest stage). An example whose
     * inputs all appear in the request has its first text's start in the request, so no match is missed; among
     * matches the first in file order wins, as a scan in order would have it.
     */
    private static final class KnownIndex {
        /**
         * Enough characters to tell most texts apart. A shorter text is keyed by its longest start whose length is a
         * power of two, so a request is cut into a few key lengths rather than one per short text's length.
         */
        private static final int KEY_CHARS = 48;

        private final Map<String, List<Known>> byStart = new HashMap<>();
        private final TreeSet<Integer> keyLengths = new TreeSet<>();
        /** Examples with no first text to key by: they are checked against every request. */
        private final List<Known> unkeyed = new ArrayList<>();

        KnownIndex(List<Known> known) {
            for (Known k : known) {
                String first = k.inputs().isEmpty() ? "" : k.inputs().get(0);
                if (first.isEmpty()) {
                    unkeyed.add(k);
                } else {
                    int length = first.length() >= KEY_CHARS ? KEY_CHARS : Integer.highestOneBit(first.length());
                    String key = first.substring(0, length);
                    byStart.computeIfAbsent(key, x -> new ArrayList<>()).add(k);
                    keyLengths.add(key.length());
                }
            }
        }

        Optional<String> answerTo(String request) {
            Known best = unkeyed.stream().filter(k -> k.isIn(request)).findFirst().orElse(null);
            for (int length : keyLengths) {
                for (int at = 0; at + length <= request.length(); at++) {
                    List<Known> candidates = byStart.get(request.substring(at, at + length));
                    if (candidates == null) {
                        continue;
                    }
                    for (Known k : candidates) {
                        if (best != null && k.order() > best.order()) {
                            break;
                        }
                        if (k.isIn(request)) {
                            best = k;
                            break;
                        }
                    }
                }
            }
            return Optional.ofNullable(best).map(Known::answer);
        }
    }
}
