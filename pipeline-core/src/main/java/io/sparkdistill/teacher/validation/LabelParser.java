package io.sparkdistill.teacher.validation;

import java.io.Serializable;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one label of the job's label set from a teacher's answer, tolerating how chat models actually write it.
 *
 * <p>Tolerated around the label: whitespace, surrounding quotes or brackets, markdown bold and backticks, trailing
 * punctuation ({@code . ! , ; :}), a prefix such as "Label:", "Answer:", "The answer is" or "Category -", any case,
 * and '_', '-' or spaces between words ("Not entailment" reads "not_entailment"). A multi-line answer is read from
 * its first and its last non-blank line as well as whole ("Entailment\n\nThe premise says..." or
 * "...reasoning...\nLabel: neutral"); when these disagree the answer is ambiguous and no label is read.
 *
 * <p>Not tolerated: partial words ("entail"), several labels ("entailment or neutral"), a label inside a
 * sentence ("I think it is neutral") and synonyms. These are rejected rather than guessed.
 */
public final class LabelParser implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Pattern PREFIX = Pattern.compile(
            "(?i)^(?:the\\s+)?(?:final\\s+|predicted\\s+|correct\\s+)?(?:label|answer|class|category|prediction)"
                    + "(?:\\s+is)?\\s*[:=\\-]?\\s*");
    private static final String EDGE = "\"'`*“”‘’«»()\\[\\]{}<>.!,;:\\s";
    private static final Pattern EDGES = Pattern.compile("^[" + EDGE + "]+|[" + EDGE + "]+$");

    private final List<String> labels;
    private final Map<String, String> byKey = new HashMap<>();

    /** @throws IllegalArgumentException if the set is empty or two labels differ only in case or separators */
    public LabelParser(List<String> labels) {
        if (labels == null || labels.isEmpty()) {
            throw new IllegalArgumentException("a label task needs at least one label");
        }
        this.labels = List.copyOf(labels);
        for (String label : this.labels) {
            String previous = byKey.put(key(clean(label)), label);
            if (previous != null) {
                throw new IllegalArgumentException("labels '" + previous + "' and '" + label
                        + "' cannot be told apart in a teacher's answer (they differ only in case or separators)");
            }
        }
    }

    public List<String> labels() {
        return labels;
    }

    /** The label as spelled in the label set, or empty when the text holds none or is ambiguous. */
    public Optional<String> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Set<String> found = new LinkedHashSet<>();
        String whole = match(text);
        if (whole != null) {
            return Optional.of(whole);
        }
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        if (lines.size() > 1) {
            for (String line : List.of(lines.get(0), lines.get(lines.size() - 1))) {
                String label = match(line);
                if (label != null) {
                    found.add(label);
                }
            }
        }
        return found.size() == 1 ? Optional.of(found.iterator().next()) : Optional.empty();
    }

    private String match(String candidate) {
        String s = clean(candidate);
        String label = byKey.get(key(s));
        if (label == null) {
            s = clean(PREFIX.matcher(s).replaceFirst(""));
            label = byKey.get(key(s));
        }
        return label;
    }

    private static String clean(String s) {
        String previous;
        String current = s.replace("**", "");
        do {
            previous = current;
            current = EDGES.matcher(current).replaceAll("");
        } while (!current.equals(previous));
        return current;
    }

    private static String key(String s) {
        return s.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]+", " ");
    }
}
