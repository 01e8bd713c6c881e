package io.sparkdistill.teacher;

/** Dot product for the tests; on unit vectors it is the cosine similarity. */
final class Vectors {
    private Vectors() {
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }
}
