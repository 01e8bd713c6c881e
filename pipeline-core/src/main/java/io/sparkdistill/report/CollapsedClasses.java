package io.sparkdistill.report;

import io.sparkdistill.evaluate.ClassificationScores;
import io.sparkdistill.evaluate.ModelEvaluation;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The classes on which the distilled student collapsed: test examples of that class exist, and its F1 on them is 0
 * (it never gets one right). Macro-F1 and accuracy hide a small class lost this way, so the report's headline then
 * gives the distilled student's F1 per class, each with the teacher's beside it.
 */
final class CollapsedClasses {

    private CollapsedClasses() {
    }

    /** The labels, in label order, with test support and a distilled F1 of 0. */
    static List<String> of(ModelEvaluation distilled) {
        ClassificationScores scores = distilled.scores();
        return scores.labels().stream()
                .filter(label -> scores.perClassSupport().getOrDefault(label, 0L) > 0)
                .filter(label -> scores.perClassF1().getOrDefault(label, 0.0) == 0.0)
                .toList();
    }

    /**
     * The headline's second sentence when a class collapsed, empty otherwise: "Per-class F1 (teacher's in brackets):
     * billing 0.91 (0.93), refund 0.00 (0.64); refund collapsed to 0."
     */
    static String headlineSentence(ModelEvaluation teacher, ModelEvaluation distilled) {
        List<String> collapsed = of(distilled);
        if (collapsed.isEmpty()) {
            return "";
        }
        ClassificationScores d = distilled.scores();
        ClassificationScores t = teacher.scores();
        String perClass = d.labels().stream()
                .map(label -> label + " " + HumanFormat.score(d.perClassF1().getOrDefault(label, 0.0)) + " ("
                        + HumanFormat.score(t.perClassF1().getOrDefault(label, 0.0)) + ")")
                .collect(Collectors.joining(", "));
        return "Per-class F1 of the distilled student (teacher's in brackets): " + perClass + "; "
                + String.join(", ", collapsed) + " collapsed to 0.";
    }

    /** The headline with the per-class sentence appended when a class collapsed. */
    static String headline(String headline, ModelEvaluation teacher, ModelEvaluation distilled) {
        String sentence = headlineSentence(teacher, distilled);
        return sentence.isEmpty() ? headline : headline + " " + sentence;
    }
}
