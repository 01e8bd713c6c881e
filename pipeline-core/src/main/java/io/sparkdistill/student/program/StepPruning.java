package io.sparkdistill.student.program;

import io.sparkdistill.student.program.ArithmeticTokens.Kind;
import io.sparkdistill.student.program.ArithmeticTokens.Token;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the steps the answer depends on and renumbers their references, so two solutions that compute the same
 * thing, one with a detour or a restated step, give one program shape and the student one class to learn.
 */
final class StepPruning {
    private StepPruning() {
    }

    /**
     * @param steps  every step, numbers already rewritten as references
     * @param answer the step whose result is the answer
     */
    static ArithmeticProgram keepNeeded(List<List<Token>> steps, int answer) {
        boolean[] needed = new boolean[answer + 1];
        needed[answer] = true;
        for (int s = answer; s >= 0; s--) {
            if (needed[s]) {
                for (Token token : steps.get(s)) {
                    if (isResult(token)) {
                        needed[index(token)] = true;
                    }
                }
            }
        }
        int[] renumbered = new int[answer + 1];
        List<String> kept = new ArrayList<>();
        for (int s = 0; s <= answer; s++) {
            if (needed[s]) {
                renumbered[s] = kept.size();
                StringBuilder step = new StringBuilder();
                for (Token token : steps.get(s)) {
                    step.append(isResult(token) ? "S" + renumbered[index(token)] : token.text());
                }
                kept.add(step.toString());
            }
        }
        return new ArithmeticProgram(kept);
    }

    private static boolean isResult(Token token) {
        return token.kind() == Kind.REFERENCE && token.text().charAt(0) == 'S';
    }

    private static int index(Token token) {
        return Integer.parseInt(token.text().substring(1));
    }
}
