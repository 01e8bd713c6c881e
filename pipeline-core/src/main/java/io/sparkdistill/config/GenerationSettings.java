package io.sparkdistill.config;

import java.io.Serializable;
import java.util.List;

/**
 * How an API teacher samples ({@code teacher.generation}); the API client turns it into its request parameters
 * ({@code GenerationParameters.of}).
 *
 * @param temperature  the source document's default, 0.7
 * @param maxTokens    cap on the answer's length (default: the server's)
 * @param topP         nucleus sampling (default: the server's)
 * @param n            completions per example (default 1); with more, label tasks average the completions'
 *                     distributions and math takes the most frequent final answer (self-consistency). Every
 *                     completion is paid for.
 * @param seed         for servers that support reproducible sampling
 * @param stop         stop sequences
 * @param logprobs     ask for token log-probabilities; for classification and nli they become the soft labels
 *                     (default true)
 * @param topLogprobs  alternatives per token (default 5; must cover the labels' first tokens to be useful)
 */
public record GenerationSettings(Double temperature, Integer maxTokens, Double topP, Integer n, Long seed,
                                 List<String> stop, Boolean logprobs, Integer topLogprobs) implements Serializable {

    /** The source document's temperature. */
    public static final double DEFAULT_TEMPERATURE = 0.7;

    public GenerationSettings {
        temperature = temperature == null ? DEFAULT_TEMPERATURE : temperature;
        logprobs = logprobs == null ? Boolean.TRUE : logprobs;
        topLogprobs = topLogprobs == null ? 5 : topLogprobs;
        stop = stop == null ? List.of() : List.copyOf(stop);
    }

    public static GenerationSettings defaults() {
        return new GenerationSettings(null, null, null, null, null, null, null, null);
    }
}
