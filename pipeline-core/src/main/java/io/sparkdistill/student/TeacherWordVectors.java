package io.sparkdistill.student;

import io.sparkdistill.teacher.TokenEmbeddingTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
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
        // symmetricGeneralizedEigenvalues overwrites its argument with the eigenvectors, one per column
        INDArray eigenvalues = Eigen.symmetricGeneralizedEigenvalues(covariance, true);
        Integer[] order = new Integer[(int) eigenvalues.length()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(eigenvalues.getDouble(b), eigenvalues.getDouble(a)));
        INDArray components = Nd4j.create(DataType.DOUBLE, covariance.rows(), width);
        for (int c = 0; c < width; c++) {
            INDArray column = covariance.getColumn(order[c]).dup();
            // an eigenvector's sign is arbitrary; fix it so the same vocabulary always gives the same vectors
            if (column.sumNumber().doubleValue() < 0) {
                column.negi();
            }
            components.putColumn(c, column);
        }
        return x.mmul(components).castTo(DataType.FLOAT).toFloatMatrix();
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
