package io.sparkdistill.student.program;

import io.sparkdistill.student.TeacherWordVectors;
import io.sparkdistill.teacher.TokenEmbeddingTable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

/**
 * The bundled teacher's vectors of the student's words, reduced by PCA ({@link TeacherWordVectors}) to the width the
 * student reads: computed once on the driver, then carried in {@link ProgramSpace}, so executors and a served student
 * never load the teacher's table. The vectors stay frozen: a few hundred questions could only blur what the teacher
 * learnt about which words mean alike.
 */
final class FrozenWordVectors {
    private static final long SEED = 42;

    /** Words that have a teacher vector, and those vectors in the same order. */
    record Vectors(List<String> words, float[][] vectors) {
    }

    private FrozenWordVectors() {
    }

    static int teacherWidth() {
        return TokenEmbeddingTable.shared().width();
    }

    /** The vectors of those {@code candidates} the teacher knows, {@code width} wide. */
    static Vectors of(List<String> candidates, int width) {
        List<String> words = new ArrayList<>();
        for (String word : candidates) {
            if (TokenEmbeddingTable.shared().wordVector(word) != null) {
                words.add(word);
            }
        }
        if (words.size() < 2) {
            // PCA needs two vectors; a question set this small reads through its n-grams alone
            return new Vectors(List.of(), new float[0][]);
        }
        int[][] rows = new int[words.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new int[] {i};
        }
        var embedding = Nd4j.randn(SEED, new long[] {words.size(), width}).castTo(DataType.FLOAT);
        new TeacherWordVectors(TokenEmbeddingTable.shared()).initialise(embedding, words, rows);
        return new Vectors(words, embedding.toFloatMatrix());
    }
}
