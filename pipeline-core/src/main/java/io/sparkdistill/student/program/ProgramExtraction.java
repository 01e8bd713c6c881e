package io.sparkdistill.student.program;

/**
 * What {@link ProgramExtractor} made of one worked solution: its program, or why there is none, so an example the
 * student cannot learn from is reported with its reason instead of silently dropped.
 *
 * @param program the program, or null
 * @param reason  why there is no program, or null
 */
public record ProgramExtraction(ArithmeticProgram program, String reason) {

    public ProgramExtraction {
        if ((program == null) == (reason == null)) {
            throw new IllegalArgumentException("an extraction has either a program or a reason, not both");
        }
    }

    public static ProgramExtraction of(ArithmeticProgram program) {
        return new ProgramExtraction(program, null);
    }

    public static ProgramExtraction unusable(String reason) {
        return new ProgramExtraction(null, reason);
    }
}
