package io.sparkdistill.student.qa;

import io.sparkdistill.config.StudentConfig;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sizes of an extractive student, recorded in its card so that {@code load} rebuilds the same inputs.
 *
 * <p>From the job's student section: {@code dimension}, the width the teacher's word vectors are reduced to;
 * {@code kernel}, the convolutions' window (odd, so that a window is centred on its token); {@code vocabulary}, the
 * most words given a vector; and {@code filters}, the convolutions' width, but at most {@value #MAX_FILTERS}: the
 * section's default of 128 suits classifiers that convolve once per text, while this reader convolves four times
 * per token and must answer in under 2 ms (at 128 it took three times as long, for no better answers).
 *
 * <p>The family's own: the context tokens read ({@value #CONTEXT_TOKENS}; the section's {@code max_tokens} sizes
 * classifier windows of 64 words, far shorter than passages), the mixing convolutions ({@value #LAYERS}, dilated 1,
 * 2 and 4: a reach of 15 tokens, enough to see a question word near the answer), and the longest answer, learnt
 * from the training answers.
 *
 * @param vectorWidth     width of each word's reduced teacher vector
 * @param filters         channels of the convolutions
 * @param kernel          tokens per convolution window
 * @param contextTokens   context tokens read; the rest is not seen
 * @param maxAnswerTokens the longest span the decoder considers
 */
public record ExtractiveSizes(int vectorWidth, int filters, int kernel, int contextTokens, int maxAnswerTokens)
        implements Serializable {

    public static final int CONTEXT_TOKENS = 400;
    public static final int LAYERS = 3;
    public static final int MAX_FILTERS = 64;

    public ExtractiveSizes {
        if (vectorWidth < 1 || filters < 1 || kernel < 1 || contextTokens < 1 || maxAnswerTokens < 1) {
            throw new IllegalArgumentException("every extractive size must be positive: " + vectorWidth + ", "
                    + filters + ", " + kernel + ", " + contextTokens + ", " + maxAnswerTokens);
        }
        if (kernel % 2 == 0) {
            throw new IllegalArgumentException("the convolution kernel must be odd, got " + kernel);
        }
    }

    /** The job's sizes, with answers of up to {@code maxAnswerTokens} tokens. */
    public static ExtractiveSizes of(StudentConfig student, int maxAnswerTokens, int teacherWidth) {
        return new ExtractiveSizes(Math.min(student.dimension(), teacherWidth),
                Math.min(student.filters(), MAX_FILTERS), student.kernel(),
                CONTEXT_TOKENS, maxAnswerTokens);
    }

    /** The sizes under their card keys. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("dimension", vectorWidth);
        map.put("filters", filters);
        map.put("kernel", kernel);
        map.put("context_tokens", contextTokens);
        map.put("max_answer_tokens", maxAnswerTokens);
        return map;
    }

    /** The sizes a card recorded with {@link #asMap}. */
    public static ExtractiveSizes fromMap(Map<String, Object> map) {
        return new ExtractiveSizes(number(map, "dimension"), number(map, "filters"), number(map, "kernel"),
                number(map, "context_tokens"), number(map, "max_answer_tokens"));
    }

    private static int number(Map<String, Object> map, String key) {
        Object value = map.get(key);
        if (!(value instanceof Number n)) {
            throw new IllegalArgumentException("the student card has no number under '" + key + "'");
        }
        return n.intValue();
    }
}
