package io.sparkdistill.student.text;

/**
 * A student's answer to one example.
 *
 * @param text            the answer
 * @param generatedTokens what the student produced to write it: tokens decoded by a generative student, 1 for a
 *                        student that points, selects or classifies in one step (latency per token divides by it)
 */
public record TextAnswer(String text, int generatedTokens) {
}
