package io.sparkdistill.evaluate.baseline;

import io.sparkdistill.student.text.TextExample;

/**
 * The gold answer a trivial baseline learns from. A baseline must stand for what anyone could do without a teacher,
 * so it reads an example's first gold reference; only an example that carries no references (the baseline student's
 * examples, whose target is the gold answer itself) falls back to its target.
 */
final class GoldAnswer {
    private GoldAnswer() {
    }

    static String of(TextExample example) {
        return example.references().isEmpty() ? example.target() : example.references().get(0);
    }
}
