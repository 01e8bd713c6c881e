package io.sparkdistill.jobs.bench;

import io.sparkdistill.evaluate.baseline.TrivialBaseline;
import io.sparkdistill.student.text.Answerer;
import io.sparkdistill.student.text.TextExample;

import java.util.List;
import java.util.Map;

/**
 * A document rule (lead-k reads the {@code document} input) run on another task's text field, such as a qa
 * example's context: the context's first sentence is a strong answer wherever the most common reading comes first
 * (WordNet lists a word's most frequent sense first), and the same rule should score it as it scores documents.
 */
final class FieldAsDocument implements TrivialBaseline {
    private static final long serialVersionUID = 1L;
    private static final String DOCUMENT = "document";

    private final String field;
    private final TrivialBaseline rule;
    private final String description;

    /** {@code rule} answering from the input {@code field}; {@code description} says so for the report. */
    FieldAsDocument(String field, TrivialBaseline rule, String description) {
        this.field = field;
        this.rule = rule;
        this.description = description;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Answerer fit(List<TextExample> training) {
        Answerer answerer = rule.fit(training.stream().map(e -> new TextExample(asDocument(e.inputs()), e.target(),
                e.targets(), e.references())).toList());
        return inputs -> answerer.answer(asDocument(inputs));
    }

    private Map<String, String> asDocument(Map<String, String> inputs) {
        String text = inputs.get(field);
        if (text == null) {
            throw new IllegalArgumentException("the example has no '" + field + "' input; it has " + inputs.keySet());
        }
        return Map.of(DOCUMENT, text);
    }
}
