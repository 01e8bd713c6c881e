package io.sparkdistill.student.qa;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The decoder picks the jointly likeliest start and end, the start first and the span not too long. */
class SpanDecoderTest {

    @Test
    void theLikeliestStartAndEndMakeTheSpan() {
        float[] start = {0.1f, 0.7f, 0.1f, 0.1f};
        float[] end = {0.1f, 0.1f, 0.2f, 0.6f};
        assertEquals(new AnswerLocator.Span(1, 3), SpanDecoder.best(start, end, 4, 10));
    }

    @Test
    void anEndBeforeTheStartIsNeverChosen() {
        float[] start = {0.05f, 0.05f, 0.9f};
        float[] end = {0.9f, 0.05f, 0.05f};
        AnswerLocator.Span span = SpanDecoder.best(start, end, 3, 10);
        assertEquals(true, span.first() <= span.last(), span.toString());
    }

    @Test
    void aSpanLongerThanTheLimitGivesWayToTheBestShortOne() {
        float[] start = {0.9f, 0.1f, 0.1f, 0.1f, 0.1f};
        float[] end = {0.3f, 0.1f, 0.1f, 0.1f, 0.9f};
        assertEquals(new AnswerLocator.Span(0, 0), SpanDecoder.best(start, end, 5, 3));
    }

    @Test
    void anEmptyContextHasNoSpan() {
        assertNull(SpanDecoder.best(new float[0], new float[0], 0, 3));
    }
}
