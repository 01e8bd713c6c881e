package io.sparkdistill.student.program;

/**
 * Thrown when an expression is anything but bounded arithmetic over numbers and references: the evaluator runs text
 * written by a teacher model or predicted by a student, so it says exactly what it refused instead of trying harder.
 */
public final class RefusedExpressionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public RefusedExpressionException(String message) {
        super(message);
    }
}
