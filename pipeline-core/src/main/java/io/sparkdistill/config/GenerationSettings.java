package io.sparkdistill.config;

import io.sparkdistill.teacher.api.GenerationParameters;

import java.io.Serializable;
import java.util.List;

/**
 * How an API teacher samples ({@code teacher.generation}).
 *
 * @param temperature  the source document's default, 0.7
 * @param maxTokens    cap on the answer's length (default: the server's)
 * @param topP         nucleus sampling (default: the server's)
 * @param seed         for servers that support reproducible sampling
 * @param stop         stop sequences
 * @param logprobs     ask for token log-probabilities; for classification and nli they become the soft labels
 *                     (default true)
 * @param topLogprobs  alternatives per token (default 5; must cover the labels' first tokens to be useful)
 */
public record GenerationSettings(Double temperature, Integer maxTokens, Double topP, Long seed, List<String> stop,
                                 Boolean logprobs, Integer topLogprobs) implements Serializable {

    public GenerationSettings {
        temperature = temperature == null ? GenerationParameters.DEFAULT_TEMPERATURE : temperature;
        logprobs = logprobs == null ? Boolean.TRUE : logprobs;
        topLogprobs = topLogprobs == null ? 5 : topLogprobs;
        stop = stop == null ? List.of() : List.copyOf(stop);
    }

    public static GenerationSettings defaults() {
        return new GenerationSettings(null, null, null, null, null, null, null);
    }

    /** One completion per example: several choices per call are not used by the pipeline yet. */
    public GenerationParameters toParameters() {
        return new GenerationParameters(temperature, maxTokens, topP, 1, seed, stop, logprobs,
                logprobs ? topLogprobs : null);
    }
}
