package io.sparkdistill.student.program;

import io.sparkdistill.student.text.TextExample;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** An example teaches the shapes of all its answers' programs, each answer one vote: a soft target. */
class ShapeTargetsTest {
    private static final Map<String, Integer> INDEX = Map.of("N0*N1 ; S0+N2", 0, "N2+N0*N1", 1, "N0+N2", 2);
    private static final Map<String, String> QUESTION = Map.of("question", "Buy 4 pens at $5 and a $12 bag.");

    @Test
    void anExampleWhoseAnswersSolveItTwoWaysTeachesBothShapesHalfEach() {
        TextExample example = new TextExample(QUESTION, "<<4*5=20>> <<20+12=32>>\n#### 32",
                List.of("<<4*5=20>> <<20+12=32>>\n#### 32", "<<12+4*5=32>>\n#### 32"), List.of());
        assertArrayEquals(new float[] {0.5f, 0.5f, 0f}, ShapeTargets.distribution(example, INDEX));
    }

    @Test
    void answersWithoutAProgramOrWithAShapeNotKeptDoNotVote() {
        TextExample example = new TextExample(QUESTION, "<<4*5=20>> <<20+12=32>>\n#### 32",
                List.of("<<4*5=20>> <<20+12=32>>\n#### 32", "It is 33.\n#### 33", "<<4+5+12=21>>\n#### 21"),
                List.of());
        assertArrayEquals(new float[] {1f, 0f, 0f}, ShapeTargets.distribution(example, INDEX));
        assertNull(ShapeTargets.distribution(new TextExample(QUESTION, "#### 33", List.of("#### 33"), List.of()),
                INDEX));
    }
}
