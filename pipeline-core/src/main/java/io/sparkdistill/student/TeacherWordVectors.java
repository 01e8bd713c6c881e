package io.sparkdistill.student;

import io.sparkdistill.teacher.TokenEmbeddingTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Starts a student's word embeddings from the teacher's token embeddings ({@code student.init_from_teacher}).
 *
 * <p>Each known word gets the mean of its wordpieces' teacher vectors (384 wide). Those vectors are reduced to the
 * student's width by PCA over the vocabulary's words, which keeps the directions along which these words differ
 * most, then scaled to the spread of the random initialisation they replace, so that the learning rate means what
 * it meant before. A word that shares an embedding row with others (hashed fastText buckets) gives that row their
 * mean. Rows of no known word keep their random values.
 */
public final class TeacherWordVectors {

    private static final long SEED = 42;
    private static final int ITERATIONS = 60;

    private final TokenEmbeddingTable table;

    public TeacherWordVectors(TokenEmbeddingTable table) {
        this.table = table;
    }

    /**
     * Overwrites rows of {@code embedding} ({@code [rows, width]}, the student's embedding layer weights).
     *
     * @param words the known words
     * @param rows  for each word, the rows that stand for it
     * @return how many words had a teacher vector
     */
    public int initialise(INDArray embedding, List<String> words, int[][] rows) {
        int width = (int) embedding.size(1);
        if (width > table.width()) {
            throw new IllegalArgumentException("the student's embedding width " + width + " is wider than the "
                    + "teacher's " + table.width() + "; set student.dimension to at most " + table.width());
        }
        List<float[]> vectors = new ArrayList<>();
        List<int[]> targets = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            float[] vector = table.wordVector(words.get(i));
            if (vector != null) {
                vectors.add(vector);
                targets.add(rows[i]);
            }
        }
        if (vectors.size() < 2) {
            // PCA needs two vectors at least; so small a vocabulary keeps its random values
            return 0;
        }
        float[][] reduced = principalComponents(vectors, width);
        scaleToSpread(reduced, embedding.stdNumber().doubleValue());

        float[][] sums = new float[(int) embedding.size(0)][];
        int[] counts = new int[sums.length];
        for (int i = 0; i < reduced.length; i++) {
            for (int row : targets.get(i)) {
                if (sums[row] == null) {
                    sums[row] = new float[width];
                }
                for (int d = 0; d < width; d++) {
                    sums[row][d] += reduced[i][d];
                }
                counts[row]++;
            }
        }
        for (int row = 0; row < sums.length; row++) {
            if (sums[row] != null) {
                float[] mean = sums[row];
                for (int d = 0; d < width; d++) {
                    mean[d] /= counts[row];
                }
                embedding.putRow(row, Nd4j.createFromArray(mean).castTo(embedding.dataType()));
            }
        }
        return vectors.size();
    }

    /** The vectors centred and projected on their {@code width} leading principal components. */
    static float[][] principalComponents(List<float[]> vectors, int width) {
        INDArray x = Nd4j.create(vectors.toArray(new float[0][])).castTo(DataType.DOUBLE);
        x.subiRowVector(x.mean(0));
        INDArray covariance = x.transpose().mmul(x).divi(Math.max(1, vectors.size() - 1));
        return x.mmul(leadingEigenvectors(covariance, width)).castTo(DataType.FLOAT).toFloatMatrix();
    }

    /**
     * The {@code count} leading eigenvectors of a symmetric matrix, as columns, by orthogonal (subspace) iteration
     * from a seeded start. Not ND4J's Eigen: its LAPACK call fails to link (LAPACKE_dsyev_work) once Spark ML's
     * netlib has loaded another OpenBLAS into the JVM, as fitting the teacher's head does; and commons-math's
     * decomposition does not converge on the rank-deficient covariance of a small vocabulary.
     */
    static INDArray leadingEigenvectors(INDArray symmetric, int count) {
        int n = (int) symmetric.rows();
        Random random = new Random(SEED);
        double[][] start = new double[n][count];
        for (double[] row : start) {
            for (int c = 0; c < count; c++) {
                row[c] = random.nextGaussian();
            }
        }
        INDArray q = orthonormalColumns(Nd4j.create(start), random);
        for (int i = 0; i < ITERATIONS; i++) {
            q = orthonormalColumns(symmetric.mmul(q), random);
        }
        // order by Rayleigh quotient, largest first, and fix each vector's arbitrary sign
        INDArray quotients = q.mul(symmetric.mmul(q)).sum(0);
        Integer[] order = new Integer[count];
        for (int c = 0; c < count; c++) {
            order[c] = c;
        }
        Arrays.sort(order, (a, b) -> Double.compare(quotients.getDouble(b), quotients.getDouble(a)));
        INDArray sorted = Nd4j.create(DataType.DOUBLE, n, count);
        for (int c = 0; c < count; c++) {
            INDArray column = q.getColumn(order[c]).dup();
            sorted.putColumn(c, column.sumNumber().doubleValue() < 0 ? column.negi() : column);
        }
        return sorted;
    }

    /** Modified Gram-Schmidt; a column that vanishes (the matrix has lower rank) is replaced by a random one. */
    private static INDArray orthonormalColumns(INDArray matrix, Random random) {
        double[][] columns = matrix.transpose().toDoubleMatrix();
        for (int c = 0; c < columns.length; c++) {
            for (int attempt = 0; ; attempt++) {
                double[] v = columns[c];
                for (int p = 0; p < c; p++) {
                    double dot = 0;
                    for (int d = 0; d < v.length; d++) {
                        dot += v[d] * columns[p][d];
                    }
                    for (int d = 0; d < v.length; d++) {
                        v[d] -= dot * columns[p][d];
                    }
                }
                double norm = 0;
                for (double value : v) {
                    norm += value * value;
                }
                norm = Math.sqrt(norm);
                if (norm > 1e-10 || attempt == 3) {
                    for (int d = 0; d < v.length; d++) {
                        v[d] /= Math.max(norm, 1e-300);
                    }
                    break;
                }
                for (int d = 0; d < v.length; d++) {
                    v[d] = random.nextGaussian();
                }
            }
        }
        return Nd4j.create(columns).transpose().dup('c');
    }

    private static void scaleToSpread(float[][] vectors, double targetStd) {
        double sumSquares = 0;
        long n = 0;
        for (float[] v : vectors) {
            for (float value : v) {
                sumSquares += value * value;
                n++;
            }
        }
        double std = Math.sqrt(sumSquares / n);
        float scale = std == 0 ? 0f : (float) (targetStd / std);
        for (float[] v : vectors) {
            for (int d = 0; d < v.length; d++) {
                v[d] *= scale;
            }
        }
    }
}
