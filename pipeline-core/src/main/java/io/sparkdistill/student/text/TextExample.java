package io.sparkdistill.student.text;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One example of a text task as a student family reads it.
 *
 * @param inputs     the example's input fields by name ({@code context} and {@code question} for qa, ...)
 * @param target     what the student learns to answer: the teacher's answer for the distilled student, the first
 *                   gold reference for the baseline
 * @param targets    every answer given for the example, {@code target} first: the teacher's completions when it was
 *                   asked for several ({@code generation.n > 1}), or every gold reference for the baseline. A family
 *                   that can learn a distribution (spans, replies, programs) makes its soft target from them.
 * @param references the gold references the student is scored against
 */
public record TextExample(Map<String, String> inputs, String target, List<String> targets, List<String> references)
        implements Serializable {

    public TextExample {
        if (target == null) {
            throw new IllegalArgumentException("a text example needs a target answer");
        }
        inputs = new LinkedHashMap<>(inputs);
        targets = targets == null || targets.isEmpty() ? List.of(target) : List.copyOf(targets);
        references = references == null ? List.of() : List.copyOf(references);
    }

    /** An example with one target and no other answers. */
    public static TextExample of(Map<String, String> inputs, String target, List<String> references) {
        return new TextExample(inputs, target, List.of(target), references);
    }
}
