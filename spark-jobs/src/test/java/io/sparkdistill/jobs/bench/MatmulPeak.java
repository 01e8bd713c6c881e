package io.sparkdistill.jobs.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * This machine's dense matrix-multiply peak as ND4J reaches it: single-precision GEMM of large square matrices (the
 * kernel the student's training spends its time in), timed after a warm-up. The best of the timed calls is the peak.
 */
final class MatmulPeak {
    private MatmulPeak() {
    }

    /** FLOP per second (2 n^3 per n x n GEMM), best of {@code repeats} calls after two warm-up calls. */
    static double flopsPerSecond(int n, int repeats) {
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.zeros(DataType.FLOAT, n, n);
        for (int i = 0; i < 2; i++) {
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
        }
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            c.sumNumber(); // waits for the result, whatever the backend's execution model
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        return 2.0 * n * n * (double) n / best;
    }
}
