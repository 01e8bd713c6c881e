package io.sparkdistill.student.generative;

import io.sparkdistill.config.GenerativeStudentConfig;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Map;

/**
 * One training example of the generative student as token ids: the (possibly cut) prompt, and the answer it learns to
 * write after {@link SubwordVocabulary#SEP}. {@code complete} is false when the answer was cut to the length limit:
 * the student then learns its start but not to stop there.
 */
public record TokenSequence(int[] prompt, int[] answer, boolean complete) implements Serializable {

    /** The sequence of an example's inputs and the answer the student learns from. */
    public static TokenSequence of(SubwordVocabulary vocabulary, StudentPrompt format, Map<String, String> inputs,
                                   String answer, GenerativeStudentConfig settings) {
        int[] prompt = format.tokens(vocabulary, inputs, settings.maxPromptTokens());
        int[] target = vocabulary.encode(answer);
        boolean complete = target.length <= settings.maxAnswerTokens();
        return new TokenSequence(prompt, complete ? target : Arrays.copyOf(target, settings.maxAnswerTokens()),
                complete);
    }

    /** Time steps fed to the network: prompt, separator, answer. */
    public int length() {
        return prompt.length + 1 + answer.length;
    }

    /** The token fed at time step {@code t}. */
    int input(int t) {
        if (t < prompt.length) {
            return prompt[t];
        }
        return t == prompt.length ? SubwordVocabulary.SEP_ID : answer[t - prompt.length - 1];
    }

    /**
     * The token the student must predict at time step {@code t}, or -1 where nothing is learnt: on the prompt (the
     * student is not asked to write prompts), and after the last answer token of a cut answer.
     */
    int target(int t) {
        if (t < prompt.length || t >= length()) {
            return -1;
        }
        int next = t + 1;
        if (next < length()) {
            return input(next);
        }
        return complete ? SubwordVocabulary.EOS_ID : -1;
    }
}
