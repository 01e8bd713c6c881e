package io.sparkdistill.jobs.generate;

import io.sparkdistill.ingest.Example;
import io.sparkdistill.math.Softmax;
import io.sparkdistill.teacher.TeacherAnswer;
import io.sparkdistill.teacher.api.ChatResponse;
import io.sparkdistill.teacher.api.ChatResult;
import io.sparkdistill.teacher.api.LabelLogprobs;
import io.sparkdistill.teacher.prompt.PromptTemplate;
import io.sparkdistill.teacher.validation.Accepted;
import io.sparkdistill.teacher.validation.OutputValidator;
import io.sparkdistill.teacher.validation.Rejected;
import io.sparkdistill.teacher.validation.Verdict;

import java.io.Serializable;
import java.util.List;

/**
 * Decides what becomes of one teacher call, live or from a Batch API output file: failed (no answer), rejected
 * (the answer fails the task's checks) or accepted, with soft labels for label tasks.
 */
final class AnswerJudge implements Serializable {
    private static final int OUTPUT_KEPT = 2000;

    private final PromptTemplate template;
    private final List<String> labels;
    private final OutputValidator validator = new OutputValidator();

    AnswerJudge(PromptTemplate template, List<String> labels) {
        this.template = template;
        this.labels = labels;
    }

    GenerationOutcome judge(Example example, ChatResult result) {
        GenerationOutcome.Usage usage = new GenerationOutcome.Usage(template.version(), result.promptTokens(),
                result.completionTokens(), result.attempts(), result.latency().toMillis());
        if (!result.succeeded()) {
            ChatResult.Failure failure = result.failure();
            return GenerationOutcome.failed(example, failure.kind().name().toLowerCase(), failure.message(),
                    failure.status(), usage);
        }
        ChatResponse.Choice choice = result.response().choices().isEmpty() ? null : result.response().choices().get(0);
        if (choice == null) {
            return GenerationOutcome.rejected(example, "empty", "the response has no choices", "", usage);
        }
        Verdict verdict = validator.validate(template, example.inputs(), labels, choice.content(),
                choice.finishReason(), choice.refusal());
        if (verdict instanceof Rejected rejected) {
            return GenerationOutcome.rejected(example, rejected.reason().configName(), rejected.detail(),
                    cut(choice.content()), usage);
        }
        Accepted accepted = (Accepted) verdict;
        TeacherAnswer answer = example.task().labelTask() ? softLabels(choice, accepted.answer())
                : new TeacherAnswer(accepted.answer(), new float[0], new float[0]);
        return GenerationOutcome.accepted(example, answer, accepted.rationale(), usage);
    }

    /**
     * The answer as soft labels: from the first token's log-probabilities when the teacher sent them, otherwise
     * certain of the label it wrote.
     */
    private TeacherAnswer softLabels(ChatResponse.Choice choice, String label) {
        return new LabelLogprobs(labels).softLabels(choice)
                .filter(soft -> soft.label().equals(label))
                .map(LabelLogprobs.SoftLabels::toTeacherAnswer)
                .orElseGet(() -> oneHot(label));
    }

    private TeacherAnswer oneHot(String label) {
        float[] p = new float[labels.size()];
        p[labels.indexOf(label)] = 1f;
        float[] logits = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            logits[i] = (float) Math.log(Math.max(p[i], 1e-6f));
        }
        return new TeacherAnswer(label, Softmax.of(logits, 1.0), logits);
    }

    private static String cut(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= OUTPUT_KEPT ? text : text.substring(0, OUTPUT_KEPT) + "…";
    }
}
