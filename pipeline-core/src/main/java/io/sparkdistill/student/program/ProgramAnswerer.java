package io.sparkdistill.student.program;

import io.sparkdistill.student.text.Answerer;
import io.sparkdistill.student.text.TextAnswer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Answers a question with the most probable program shape that fits it: one that refers only to numbers the
 * question has and runs without a refusal (no division by zero). A shape the network ranks first can still be
 * impossible for an unusual question (it names a fifth number the question does not have); the next best valid
 * shape is then a better guess than no answer. Holds its own reader, so one per thread.
 */
final class ProgramAnswerer implements Answerer {
    /** What is answered when no known shape fits the question: no final number, so never a lucky match. */
    static final String NO_PROGRAM = "No program I know fits this question.";

    private final ProgramForward forward;
    private final QuestionReader reader;
    private final List<ArithmeticProgram> programs;
    private final int[] numbersNeeded;

    ProgramAnswerer(ProgramSpace space, ProgramForward forward) {
        this.forward = forward;
        this.reader = new QuestionReader(space);
        this.programs = new ArrayList<>(space.shapes().size());
        this.numbersNeeded = new int[space.shapes().size()];
        for (int i = 0; i < space.shapes().size(); i++) {
            ArithmeticProgram program = ArithmeticProgram.parse(space.shapes().get(i));
            programs.add(program);
            numbersNeeded[i] = program.questionNumbersNeeded();
        }
    }

    @Override
    public TextAnswer answer(Map<String, String> inputs) {
        QuestionReader.Read read = reader.read(ProgramFamily.question(inputs));
        float[] scores = forward.logits(read.ngrams(), read.meaning());
        List<Rational> numbers = read.numbers().values();
        boolean[] tried = new boolean[scores.length];
        for (int attempt = 0; attempt < scores.length; attempt++) {
            int best = mostProbableUntried(scores, tried);
            tried[best] = true;
            if (numbersNeeded[best] > numbers.size()) {
                continue;
            }
            try {
                ArithmeticProgram program = programs.get(best);
                List<Rational> results = program.run(numbers);
                return new TextAnswer(WorkedSolution.render(program, numbers, results), program.steps().size());
            } catch (RefusedExpressionException doesNotFit) {
                // this shape cannot run on these numbers; the next most probable one may
            }
        }
        return new TextAnswer(NO_PROGRAM, 1);
    }

    private static int mostProbableUntried(float[] scores, boolean[] tried) {
        int best = -1;
        for (int i = 0; i < scores.length; i++) {
            if (!tried[i] && (best < 0 || scores[i] > scores[best])) {
                best = i;
            }
        }
        return best;
    }
}
