package io.sparkdistill.evaluate;

import java.util.List;
import java.util.Objects;

/**
 * One test example of a text task with what each model answered: the worked examples a report shows, so a reader
 * sees what the metrics mean.
 *
 * @param id         the example's id
 * @param prompt     what the models were given (the rendered input: question and context, document, conversation)
 * @param references the gold answers
 * @param teacher    the teacher's answer
 * @param baseline   the baseline student's answer
 * @param distilled  the distilled student's answer
 */
public record TextExampleOutputs(String id, String prompt, List<String> references, String teacher, String baseline,
                                 String distilled) {

    public TextExampleOutputs {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(prompt, "prompt");
        references = List.copyOf(references);
        Objects.requireNonNull(teacher, "teacher");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(distilled, "distilled");
    }
}
