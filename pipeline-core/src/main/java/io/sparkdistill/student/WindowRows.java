package io.sparkdistill.student;

import java.util.Arrays;

/**
 * The positions whose convolution windows the {@link WordConvolutionLayer} scores, per example, in position order.
 * A text shorter than the student's {@code maxTokens} is padded with {@link WordVocabulary#PADDING} after its last
 * word, and every window that lies wholly in that padding, away from the end, holds the same {@code kernel} padding
 * rows and so scores the same: the first of them stands for all. Each window that reaches a word, and each that
 * reaches past the last position (its missing rows are zeros, so it differs), is scored too. For the maximum over
 * positions nothing changes, a tie still going to the first position; a fortune of 12 words out of 64 positions
 * scores 17 windows instead of 64. Predicting, {@link ConvolutionForward} cuts at the same first padding-only window
 * and reads those windows' maxima from a table it computes once at load; training cannot, since the table's rows
 * change every step.
 */
final class WindowRows {
    private final int[] first;
    private final int[] position;

    private WindowRows(int[] first, int[] position) {
        this.first = first;
        this.position = position;
    }

    /** The rows for {@code [examples, positions]} ids, for windows of {@code kernel} words ("same" padding). */
    static WindowRows of(int[] ids, int examples, int positions, int kernel) {
        int padLeft = (kernel - 1) / 2;
        int padRight = kernel - 1 - padLeft;
        // the last position whose window holds no row past the end
        int lastInside = positions - 1 - padRight;
        int[] first = new int[examples + 1];
        int[] position = new int[examples * positions];
        int count = 0;
        for (int i = 0; i < examples; i++) {
            int length = positions;
            while (length > 0 && ids[i * positions + length - 1] == WordVocabulary.PADDING) {
                length--;
            }
            // windows at t < length + padLeft reach a word (or the zeros before the first position)
            int reaching = Math.min(positions, length + padLeft);
            for (int t = 0; t < reaching; t++) {
                position[count++] = t;
            }
            if (reaching <= lastInside) {
                position[count++] = reaching;
            }
            for (int t = Math.max(reaching, lastInside + 1); t < positions; t++) {
                position[count++] = t;
            }
            first[i + 1] = count;
        }
        return new WindowRows(first, Arrays.copyOf(position, count));
    }

    /** The first row of example {@code i}; its rows end where example {@code i + 1}'s start. */
    int first(int i) {
        return first[i];
    }

    /** The position of row {@code r}'s window. */
    int position(int r) {
        return position[r];
    }

    /** Rows in all. */
    int count() {
        return position.length;
    }
}
