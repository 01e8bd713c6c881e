package io.sparkdistill.student.program;

import io.sparkdistill.student.text.TextExample;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The shape distribution an example teaches: each of its answers ({@code targets}, the teacher's completions) votes
 * for the shape of its program, so a teacher that solved a question two ways across its samples gives a soft target
 * (Hinton-style) rather than the first way only. Answers without a program, or whose shape was not kept, do not vote.
 */
final class ShapeTargets {
    private ShapeTargets() {
    }

    /** The distinct shapes of an example's answers, with why none when there are none. */
    record Shapes(Set<String> shapes, String firstReason) {
    }

    static Shapes shapes(TextExample example) {
        QuestionNumbers numbers = QuestionNumbers.of(ProgramFamily.question(example.inputs()));
        Set<String> shapes = new LinkedHashSet<>();
        String firstReason = null;
        for (String answer : example.targets()) {
            ProgramExtraction extraction = ProgramExtractor.extract(numbers, answer);
            if (extraction.program() != null) {
                shapes.add(extraction.program().shape());
            } else if (firstReason == null) {
                firstReason = extraction.reason();
            }
        }
        return new Shapes(shapes, firstReason);
    }

    /** The soft target over {@code index}'s shapes, or null when no answer's shape is among them. */
    static float[] distribution(TextExample example, Map<String, Integer> index) {
        QuestionNumbers numbers = QuestionNumbers.of(ProgramFamily.question(example.inputs()));
        float[] target = new float[index.size()];
        int votes = 0;
        for (String answer : example.targets()) {
            ProgramExtraction extraction = ProgramExtractor.extract(numbers, answer);
            Integer shape = extraction.program() == null ? null : index.get(extraction.program().shape());
            if (shape != null) {
                target[shape]++;
                votes++;
            }
        }
        if (votes == 0) {
            return null;
        }
        for (int i = 0; i < target.length; i++) {
            target[i] /= votes;
        }
        return target;
    }
}
