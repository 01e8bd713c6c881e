package io.sparkdistill.teacher.api;

import io.sparkdistill.config.GenerationSettings;

import java.io.Serializable;
import java.util.List;

/**
 * Sampling parameters of a teacher call. Null means "not sent, the server's default"; only the temperature has our
 * own default, 0.7, the value the source document uses for the teacher's softness.
 *
 * @param temperature 0..2, default 0.7
 * @param maxTokens   cap on completion tokens; a completion stopped by it has finish_reason {@code length}
 * @param topP        nucleus sampling mass, 0..1
 * @param n           completions per prompt
 * @param seed        best-effort determinism on servers that support it
 * @param stop        up to 4 stop sequences
 * @param logprobs    ask for the chosen tokens' log-probabilities (needed for soft labels)
 * @param topLogprobs alternatives per position, 0..20; requires {@code logprobs}
 */
public record GenerationParameters(Double temperature, Integer maxTokens, Double topP, Integer n, Long seed,
                                   List<String> stop, boolean logprobs, Integer topLogprobs) implements Serializable {

    public static final double DEFAULT_TEMPERATURE = GenerationSettings.DEFAULT_TEMPERATURE;

    /** The request parameters a job's {@code teacher.generation} section asks for. */
    public static GenerationParameters of(GenerationSettings settings) {
        return new GenerationParameters(settings.temperature(), settings.maxTokens(), settings.topP(),
                settings.n() == null ? 1 : settings.n(), settings.seed(), settings.stop(), settings.logprobs(),
                settings.logprobs() ? settings.topLogprobs() : null);
    }

    public GenerationParameters {
        temperature = temperature == null ? DEFAULT_TEMPERATURE : temperature;
        if (temperature < 0 || temperature > 2) {
            throw new IllegalArgumentException("temperature must be in [0, 2], got " + temperature);
        }
        if (maxTokens != null && maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be at least 1, got " + maxTokens);
        }
        if (topP != null && (topP <= 0 || topP > 1)) {
            throw new IllegalArgumentException("topP must be in (0, 1], got " + topP);
        }
        if (n != null && n < 1) {
            throw new IllegalArgumentException("n must be at least 1, got " + n);
        }
        stop = stop == null ? List.of() : List.copyOf(stop);
        if (stop.size() > 4) {
            throw new IllegalArgumentException("stop takes at most 4 sequences, got " + stop.size());
        }
        if (topLogprobs != null && (topLogprobs < 0 || topLogprobs > 20)) {
            throw new IllegalArgumentException("topLogprobs must be in [0, 20], got " + topLogprobs);
        }
        if (topLogprobs != null && !logprobs) {
            throw new IllegalArgumentException("topLogprobs (" + topLogprobs + ") requires logprobs to be true");
        }
    }

    /** Temperature 0.7 and everything else left to the server. */
    public static GenerationParameters defaults() {
        return new GenerationParameters(null, null, null, null, null, null, false, null);
    }

    /** Completions asked for per prompt (1 when {@code n} is not set). */
    public int completions() {
        return n == null ? 1 : n;
    }
}
