package io.sparkdistill.student.qa;

import java.io.Serializable;
import java.util.Map;

/**
 * What an extractive student needs besides its network, learnt before training and broadcast to the executors:
 * the words it knows and its sizes. Turns an example's inputs into the features the network reads.
 */
public record ExtractiveInputs(ReadingVocabulary vocabulary, ExtractiveSizes sizes) implements Serializable {

    /** The input field holding the passage. */
    public static final String CONTEXT = "context";
    /** The input field holding the question. */
    public static final String QUESTION = "question";

    /** The passage of an example's inputs, as tokens. */
    public static TextTokens context(Map<String, String> inputs) {
        return TextTokens.of(inputs.get(CONTEXT));
    }

    /** The question of an example's inputs, as tokens. */
    public static TextTokens question(Map<String, String> inputs) {
        return TextTokens.of(inputs.get(QUESTION));
    }

    /** The features of a context and question already cut into tokens. */
    public ReadingFeatures features(TextTokens context, TextTokens question) {
        return ReadingFeatures.of(vocabulary, sizes.vectorWidth(), sizes.contextTokens(), context, question);
    }
}
