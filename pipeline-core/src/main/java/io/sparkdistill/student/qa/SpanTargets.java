package io.sparkdistill.student.qa;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the student learns for one example: for each context token, the share of the example's answers that start
 * there and the share that end there. With one answer that is a single 1 in each; with the teacher's several
 * completions ("in 1964", "1964", "1964") it is Hinton-style soft targets over spans, which tell the student how
 * sure the teacher was and which other boundaries it found acceptable. Answers not found in the context (or found
 * beyond the tokens the student reads) take no share.
 */
public final class SpanTargets {

    private final float[] start;
    private final float[] end;
    private final int located;

    private SpanTargets(float[] start, float[] end, int located) {
        this.start = start;
        this.end = end;
        this.located = located;
    }

    /**
     * The targets over the first {@code readTokens} tokens of {@code context}.
     *
     * @param answers the example's answers, the target first
     */
    public static SpanTargets of(TextTokens context, List<String> question, List<String> answers, int readTokens) {
        int length = Math.min(readTokens, context.size());
        List<AnswerLocator.Span> spans = new ArrayList<>();
        for (String answer : answers) {
            Optional<AnswerLocator.Span> span = AnswerLocator.locate(context, question, answer);
            span.filter(s -> s.last() < length).ifPresent(spans::add);
        }
        float[] start = new float[length];
        float[] end = new float[length];
        for (AnswerLocator.Span span : spans) {
            start[span.first()] += 1f / spans.size();
            end[span.last()] += 1f / spans.size();
        }
        return new SpanTargets(start, end, spans.size());
    }

    /** How many of the answers were found within the tokens read; 0 means there is nothing to learn. */
    public int located() {
        return located;
    }

    /** The share of answers starting at each token. */
    public float[] start() {
        return start.clone();
    }

    /** The share of answers ending at each token. */
    public float[] end() {
        return end.clone();
    }
}
