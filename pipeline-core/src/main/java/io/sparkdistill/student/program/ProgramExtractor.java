package io.sparkdistill.student.program;

import io.sparkdistill.evaluate.text.MathAnswer;
import io.sparkdistill.student.program.ArithmeticTokens.Kind;
import io.sparkdistill.student.program.ArithmeticTokens.Token;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a worked solution into the program it ran, with its numbers replaced by references: each number a step
 * uses becomes the question's number at that position ({@code N2}), an earlier step's result ({@code S0}) or, when
 * it is neither, a constant the solver brought (60 minutes, 100 percent).
 *
 * <p>A number may match several sources (a question with two 4s, a step whose result equals a question's number);
 * the reading that treats every number as used once wins: an earlier result not yet used (latest first), then a
 * question number not yet used (first first), then the same again allowing reuse. Every claimed result is checked,
 * and the program must reproduce the solution's final answer ({@link MathAnswer}); it is cut to the steps that
 * answer depends on, so solutions that wander still yield the same shape.
 */
public final class ProgramExtractor {
    private ProgramExtractor() {
    }

    /** The program of {@code solution}, a worked answer to {@code question}, or why it has none. */
    public static ProgramExtraction extract(String question, String solution) {
        return extract(QuestionNumbers.of(question), solution);
    }

    public static ProgramExtraction extract(QuestionNumbers question, String solution) {
        Optional<String> stated = MathAnswer.extract(solution);
        if (stated.isEmpty()) {
            return ProgramExtraction.unusable("the solution states no final number");
        }
        Rational answer = Rational.parse(stated.get());
        List<WrittenSteps.Step> written = WrittenSteps.of(solution);
        List<List<Token>> steps = new ArrayList<>();
        List<Rational> results = new ArrayList<>();
        References references = new References(question.values(), results);
        for (int s = 0; s < written.size(); s++) {
            WrittenSteps.Step step = written.get(s);
            Rational value;
            Rational claimed;
            List<Token> tokens;
            try {
                tokens = ArithmeticTokens.of(step.expression());
                value = ArithmeticEvaluator.evaluate(tokens, List.of(), List.of(), step.expression());
                claimed = Rational.parse(step.claimed());
            } catch (RuntimeException notArithmetic) {
                return ProgramExtraction.unusable("step " + (s + 1) + " '" + step.expression() + "=" + step.claimed()
                        + "' is not arithmetic: " + notArithmetic.getMessage());
            }
            if (!value.equals(claimed)) {
                return ProgramExtraction.unusable("step " + (s + 1) + " claims " + step.expression() + " = "
                        + step.claimed() + ", but it is " + value);
            }
            steps.add(references.rewrite(tokens));
            results.add(value);
        }
        int last = results.lastIndexOf(answer);
        if (last < 0) {
            return ProgramExtraction.unusable("no arithmetic program reproduces the final answer " + answer
                    + (written.isEmpty() ? " (the solution shows no calculation)" : ""));
        }
        ArithmeticProgram program = StepPruning.keepNeeded(steps, last);
        if (!program.answer(question.values()).equals(answer)) {
            return ProgramExtraction.unusable("no arithmetic program reproduces the final answer " + answer);
        }
        return ProgramExtraction.of(program);
    }

    /** Which source each number of a step stands for; remembers what has been used. */
    private static final class References {
        private final List<Rational> questionNumbers;
        private final List<Rational> results;
        private final boolean[] questionUsed;
        private final List<Boolean> resultUsed = new ArrayList<>();

        private References(List<Rational> questionNumbers, List<Rational> results) {
            this.questionNumbers = questionNumbers;
            this.results = results;
            this.questionUsed = new boolean[questionNumbers.size()];
        }

        private List<Token> rewrite(List<Token> tokens) {
            List<Token> out = new ArrayList<>(tokens.size());
            for (Token token : tokens) {
                out.add(token.kind() == Kind.NUMBER ? reference(Rational.parse(token.text())) : token);
            }
            resultUsed.add(false);
            return out;
        }

        private Token reference(Rational value) {
            for (boolean allowReuse : new boolean[] {false, true}) {
                for (int r = results.size() - 1; r >= 0; r--) {
                    if ((allowReuse || !resultUsed.get(r)) && results.get(r).equals(value)) {
                        resultUsed.set(r, true);
                        return new Token(Kind.REFERENCE, "S" + r);
                    }
                }
                for (int n = 0; n < questionNumbers.size(); n++) {
                    if ((allowReuse || !questionUsed[n]) && questionNumbers.get(n).equals(value)) {
                        questionUsed[n] = true;
                        return new Token(Kind.REFERENCE, "N" + n);
                    }
                }
            }
            return new Token(Kind.NUMBER, value.toString());
        }
    }
}
