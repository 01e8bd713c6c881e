package io.sparkdistill.teacher.api;

import io.sparkdistill.math.Softmax;
import io.sparkdistill.teacher.TeacherAnswer;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Turns an API teacher's answer to a classification or NLI prompt into soft labels over the job's label set, so
 * API teachers feed the same distillation loss as the offline teacher.
 * <p>
 * The distribution is read from the first generated token's {@code top_logprobs}: each alternative token, trimmed
 * of its leading space and compared case-insensitively, counts for the label it is a prefix of ({@code " Ent"} and
 * {@code "entail"} both count for {@code entailment}); probabilities of tokens of the same label are summed and the
 * result renormalised over the labels. When the model thought aloud first ({@code <think>...</think>} in the
 * content, see {@link ThinkBlock}), the answer's first token is the first non-blank one after {@code </think>}. A
 * token that is a prefix of two labels (say {@code "n"} for
 * {@code neutral} and {@code negative}) says nothing about which, and is ignored. When none of the top tokens
 * names a label (logprobs not returned, or the answer starts with a quote or a preamble), the answer's text is
 * parsed as a label and a one-hot distribution returned.
 */
public final class LabelLogprobs {
    /** Floor of a probability when turned into a logit, so a one-hot answer has finite logits. */
    private static final double MIN_PROBABILITY = 1e-6;

    private final List<String> labels;
    private final List<String> lowerLabels;

    /** @param labels the job's label set, in the order of the student's outputs */
    public LabelLogprobs(List<String> labels) {
        if (labels == null || labels.size() < 2) {
            throw new IllegalArgumentException("a label set needs at least two labels, got " + labels);
        }
        this.labels = List.copyOf(labels);
        this.lowerLabels = this.labels.stream().map(l -> l.strip().toLowerCase(Locale.ROOT)).toList();
        Set<String> seen = new HashSet<>();
        for (String l : lowerLabels) {
            if (l.isEmpty() || !seen.add(l)) {
                throw new IllegalArgumentException("labels must be non-blank and distinct ignoring case, got "
                        + labels);
            }
        }
    }

    /**
     * The soft labels of a choice; empty when neither its logprobs nor its text name a label (the validator's
     * "label outside the label set").
     */
    public Optional<SoftLabels> softLabels(ChatResponse.Choice choice) {
        double[] mass = new double[labels.size()];
        double total = 0;
        int first = answerStart(choice.logprobs());
        if (first < choice.logprobs().size()) {
            for (ChatResponse.TopLogprob alt : choice.logprobs().get(first).top()) {
                int label = labelOfToken(alt.token());
                if (label >= 0) {
                    double p = Math.exp(alt.logprob());
                    mass[label] += p;
                    total += p;
                }
            }
        }
        if (total > 0) {
            float[] probabilities = new float[mass.length];
            for (int i = 0; i < mass.length; i++) {
                probabilities[i] = (float) (mass[i] / total);
            }
            return Optional.of(new SoftLabels(labels.get(Softmax.argmax(probabilities)), probabilities, true));
        }
        return labelOfContent(choice.content()).map(i -> {
            float[] oneHot = new float[labels.size()];
            oneHot[i] = 1f;
            return new SoftLabels(labels.get(i), oneHot, false);
        });
    }

    /** Where the answer's tokens start: after the last {@code </think>} token and any blank ones; 0 without. */
    private static int answerStart(List<ChatResponse.TokenLogprob> tokens) {
        int start = 0;
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).token().contains("</think>")) {
                start = i + 1;
            }
        }
        if (start == 0) {
            return 0;
        }
        while (start < tokens.size() && tokens.get(start).token().isBlank()) {
            start++;
        }
        return start;
    }

    /** Index of the one label the token is a prefix of, -1 when none or several. */
    private int labelOfToken(String token) {
        String t = token.strip().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            return -1;
        }
        int found = -1;
        for (int i = 0; i < lowerLabels.size(); i++) {
            if (lowerLabels.get(i).startsWith(t)) {
                if (found >= 0) {
                    return -1;
                }
                found = i;
            }
        }
        return found;
    }

    /** The label the whole answer text is, ignoring case, surrounding quotes, spaces and a final full stop. */
    private Optional<Integer> labelOfContent(String content) {
        if (content == null) {
            return Optional.empty();
        }
        String c = content.strip().replaceAll("^[\"'`*]+|[\"'`*.!]+$", "").strip().toLowerCase(Locale.ROOT);
        int i = lowerLabels.indexOf(c);
        return i < 0 ? Optional.empty() : Optional.of(i);
    }

    /**
     * A teacher's distribution over the label set.
     *
     * @param label         the most probable label
     * @param probabilities in the label set's order, summing to 1
     * @param fromLogprobs  true when read from top logprobs, false when one-hot from the answer text
     */
    public record SoftLabels(String label, float[] probabilities, boolean fromLogprobs) {

        /**
         * As the offline teacher's answer, with logits {@code ln p} (floored at 1e-6), so that re-tempering in the
         * loss gives {@code p^(1/T)} renormalised.
         */
        public TeacherAnswer toTeacherAnswer() {
            float[] logits = new float[probabilities.length];
            for (int i = 0; i < logits.length; i++) {
                logits[i] = (float) Math.log(Math.max(MIN_PROBABILITY, probabilities[i]));
            }
            return new TeacherAnswer(label, probabilities.clone(), logits);
        }
    }
}
