package io.sparkdistill.student.summary;

/**
 * The few dense-vector operations the sentence features need, on plain float arrays: a document has a dozen
 * sentences, so building ND4J arrays for them would cost more than the arithmetic.
 */
final class Vectors {
    private Vectors() {
    }

    /** The vector scaled to length 1; a zero vector (no known word) stays zero. */
    static float[] unit(float[] vector) {
        double norm = Math.sqrt(dot(vector, vector));
        return norm == 0 ? new float[vector.length] : scaled(vector, (float) (1 / norm));
    }

    static float[] scaled(float[] vector, float factor) {
        float[] out = new float[vector.length];
        for (int d = 0; d < vector.length; d++) {
            out[d] = vector[d] * factor;
        }
        return out;
    }

    static float[] minus(float[] a, float[] b) {
        float[] out = new float[a.length];
        for (int d = 0; d < a.length; d++) {
            out[d] = a[d] - b[d];
        }
        return out;
    }

    static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int d = 0; d < a.length; d++) {
            sum += a[d] * b[d];
        }
        return sum;
    }
}
