package io.sparkdistill.jobs.generate;

import io.sparkdistill.ingest.Example;
import io.sparkdistill.math.Softmax;
import io.sparkdistill.teacher.TeacherAnswer;
import io.sparkdistill.teacher.api.ChatResponse;
import io.sparkdistill.teacher.api.ChatResult;
import io.sparkdistill.teacher.api.LabelLogprobs;
import io.sparkdistill.teacher.prompt.PromptTemplate;
import io.sparkdistill.task.LabelTask;
import io.sparkdistill.task.TaskStrategies;
import io.sparkdistill.task.TaskStrategy;
import io.sparkdistill.teacher.validation.Accepted;
import io.sparkdistill.teacher.validation.AnswerParser;
import io.sparkdistill.teacher.validation.ChoiceConsensus;
import io.sparkdistill.teacher.validation.OutputValidator;
import io.sparkdistill.teacher.validation.Rejected;
import io.sparkdistill.teacher.validation.TeacherOutput;
import io.sparkdistill.teacher.validation.Verdict;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides what becomes of one teacher call, live, cached or from a Batch API output file: failed (no answer),
 * rejected (no completion passes the task's checks) or accepted, with soft labels for label tasks. When the teacher
 * sent several completions ({@code n > 1}), every one is validated and the accepted ones are combined by
 * {@link ChoiceConsensus}.
 */
final class AnswerJudge implements Serializable {
    private static final int OUTPUT_KEPT = 2000;

    private final PromptTemplate template;
    private final List<String> labels;
    private final AnswerParser parser;
    private final OutputValidator validator;
    private final boolean softLabels;

    AnswerJudge(PromptTemplate template, List<String> labels) {
        this.template = template;
        this.labels = labels;
        TaskStrategy strategy = TaskStrategies.of(template.task());
        this.parser = strategy.answerParser();
        this.validator = new OutputValidator(parser);
        this.softLabels = strategy instanceof LabelTask;
    }

    GenerationOutcome judge(Example example, String promptKey, ChatResult result, GenerationOutcome.Source source) {
        GenerationOutcome.Usage usage = new GenerationOutcome.Usage(template.version(), result.promptTokens(),
                result.completionTokens(), result.attempts(), result.latency().toMillis(), source);
        if (!result.succeeded()) {
            ChatResult.Failure failure = result.failure();
            return GenerationOutcome.failed(example, promptKey, failure.kind().name().toLowerCase(),
                    failure.message(), failure.status(), usage);
        }
        List<ChatResponse.Choice> choices = result.response().choices();
        if (choices.isEmpty()) {
            return GenerationOutcome.rejected(example, promptKey, "empty", "the response has no choices", "", usage);
        }
        List<ChatResponse.Choice> acceptedChoices = new ArrayList<>();
        List<Accepted> accepted = new ArrayList<>();
        Rejected firstRejection = null;
        for (ChatResponse.Choice choice : choices) {
            Verdict verdict = validator.validate(template, example.inputs(), labels, new TeacherOutput(
                    choice.content(), choice.finishReason(), choice.refusal(), choice.reasoning(), choice.toolCalls()));
            if (verdict instanceof Accepted a) {
                acceptedChoices.add(choice);
                accepted.add(a);
            } else if (firstRejection == null) {
                firstRejection = (Rejected) verdict;
            }
        }
        if (accepted.isEmpty()) {
            return GenerationOutcome.rejected(example, promptKey, firstRejection.reason().configName(),
                    firstRejection.detail(), cut(choices.get(0).content()), usage);
        }
        if (softLabels) {
            TeacherAnswer answer = softLabels(acceptedChoices, accepted);
            int chosen = firstWithLabel(accepted, answer.label());
            return GenerationOutcome.accepted(example, promptKey, answer, accepted.get(chosen).rationale(),
                    acceptedChoices.get(chosen).logprobs(), usage);
        }
        int chosen = ChoiceConsensus.chosen(parser, accepted);
        Accepted pick = accepted.get(chosen);
        return GenerationOutcome.accepted(example, promptKey, new TeacherAnswer(pick.answer(), new float[0],
                new float[0]), pick.rationale(), acceptedChoices.get(chosen).logprobs(), usage);
    }

    /**
     * The answer as soft labels: each accepted completion's distribution (from its first token's log-probabilities
     * when the teacher sent them, otherwise certain of the label it wrote), averaged over the completions.
     */
    private TeacherAnswer softLabels(List<ChatResponse.Choice> choices, List<Accepted> accepted) {
        if (choices.size() == 1) {
            return softLabels(choices.get(0), accepted.get(0).answer());
        }
        List<float[]> distributions = new ArrayList<>();
        for (int i = 0; i < choices.size(); i++) {
            distributions.add(softLabels(choices.get(i), accepted.get(i).answer()).probabilities());
        }
        float[] mean = ChoiceConsensus.meanDistribution(distributions);
        return new LabelLogprobs.SoftLabels(labels.get(Softmax.argmax(mean)), mean, false).toTeacherAnswer();
    }

    /** The completion that speaks for an averaged label: the first that wrote it (0 when none did). */
    private static int firstWithLabel(List<Accepted> accepted, String label) {
        for (int i = 0; i < accepted.size(); i++) {
            if (accepted.get(i).answer().equals(label)) {
                return i;
            }
        }
        return 0;
    }

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
