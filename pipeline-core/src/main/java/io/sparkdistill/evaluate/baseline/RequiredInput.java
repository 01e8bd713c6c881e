package io.sparkdistill.evaluate.baseline;

import java.util.Map;

/**
 * An input field a baseline cannot answer without: a missing field is the caller's mistake (the wrong task's
 * baseline, a renamed column), so it fails naming the field rather than answering from an empty text.
 */
final class RequiredInput {
    private RequiredInput() {
    }

    static String of(Map<String, String> inputs, String field) {
        String value = inputs.get(field);
        if (value == null) {
            throw new IllegalArgumentException("the example has no '" + field + "' input; it has " + inputs.keySet());
        }
        return value;
    }
}
