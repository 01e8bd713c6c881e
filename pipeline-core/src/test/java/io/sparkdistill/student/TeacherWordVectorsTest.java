package io.sparkdistill.student;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.config.StudentConfig;
import io.sparkdistill.teacher.TokenEmbeddingTable;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class TeacherWordVectorsTest {

    private static final List<String> WORDS = List.of("love", "romance", "heart", "kiss", "football", "soccer",
            "baseball", "team", "painting", "artist", "museum", "sculpture", "school", "teacher", "students", "drug",
            "cocaine", "marijuana", "poem", "novel");
    private final TokenEmbeddingTable table = TokenEmbeddingTable.shared();

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    private static float[] row(INDArray embedding, int row) {
        return embedding.getRow(row).toFloatVector();
    }

    @Test
    void theBundledMiniLmTableHasOne384WideVectorPerWordpieceAndRelatedWordsLieCloser() {
        assertEquals(30522, table.tokens());
        assertEquals(384, table.width());
        assertTrue(cosine(table.wordVector("football"), table.wordVector("soccer"))
                > cosine(table.wordVector("football"), table.wordVector("poem")));
        assertTrue(cosine(table.wordVector("love"), table.wordVector("romance"))
                > cosine(table.wordVector("love"), table.wordVector("baseball")));
    }

    @Test
    void aWordOfSeveralWordpiecesGetsTheirMeanAndNoTextGetsNoVector() {
        float[] whole = table.wordVector("unhappiness");
        assertEquals(384, whole.length);
        assertNotEquals(0f, whole[0]);
        assertEquals(null, table.wordVector(""));
    }

    @Test
    void aCnnsKnownWordRowsStartFromTheTeachersVectorsAtTheRandomInitialisationsSpread() {
        StudentConfig config = StudentConfig.cnn(16, 8, 3, 20, 100).withInitFromTeacher(true);
        WordVocabulary vocabulary = new WordVocabulary(WORDS);
        StudentBlueprint blueprint = new StudentBlueprint(config, vocabulary);
        MultiLayerNetwork random = new StudentBlueprint(config.withInitFromTeacher(false), vocabulary)
                .network(Hyperparameters.defaults(), 3, 1, null);
        MultiLayerNetwork network = blueprint.network(Hyperparameters.defaults(), 3, 1, new TeacherWordVectors(table));
        INDArray before = random.getLayer(StudentNetwork.EMBEDDING_LAYER).getParam("W");
        INDArray after = network.getLayer(StudentNetwork.EMBEDDING_LAYER).getParam("W");

        // the reserved rows (padding, unknown, separator) keep their random values; every word's row changes
        for (int r = 0; r < WordVocabulary.RESERVED; r++) {
            assertArrayEquals(row(before, r), row(after, r));
        }
        int football = vocabulary.id("football");
        assertNotEquals(row(before, football)[0], row(after, football)[0]);
        double spread = after.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(WordVocabulary.RESERVED,
                vocabulary.size()), org.nd4j.linalg.indexing.NDArrayIndex.all()).stdNumber().doubleValue();
        assertEquals(before.stdNumber().doubleValue(), spread, 0.2 * spread);
        // the reduced vectors keep the teacher's sense of which words are alike
        assertTrue(cosine(row(after, football), row(after, vocabulary.id("soccer")))
                > cosine(row(after, football), row(after, vocabulary.id("poem"))));
        assertTrue(cosine(row(after, vocabulary.id("cocaine")), row(after, vocabulary.id("marijuana")))
                > cosine(row(after, vocabulary.id("cocaine")), row(after, vocabulary.id("museum"))));
    }

    @Test
    void aFastTextStudentsWordBucketsStartFromTheTeachersVectors() {
        StudentConfig config = StudentConfig.fastText(4096, 16, 2, 0).withInitFromTeacher(true);
        StudentBlueprint blueprint = new StudentBlueprint(config, new WordVocabulary(WORDS));
        MultiLayerNetwork network = blueprint.network(Hyperparameters.defaults(), 3, 1, new TeacherWordVectors(table));
        INDArray embedding = network.getLayer(StudentNetwork.EMBEDDING_LAYER).getParam("W");
        HashingFeaturizer featurizer = (HashingFeaturizer) blueprint.input();
        float[] football = row(embedding, featurizer.bucket("football"));
        assertTrue(cosine(football, row(embedding, featurizer.bucket("soccer")))
                > cosine(football, row(embedding, featurizer.bucket("poem"))));
    }

    @Test
    void aStudentWiderThanTheTeachersVectorsIsRefused() {
        StudentConfig config = StudentConfig.cnn(400, 8, 3, 20, 100).withInitFromTeacher(true);
        StudentBlueprint blueprint = new StudentBlueprint(config, new WordVocabulary(WORDS));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> blueprint.network(Hyperparameters.defaults(), 3, 1, new TeacherWordVectors(table)));
        assertTrue(e.getMessage().contains("student.dimension"), e.getMessage());
    }

    @Test
    void orthogonalIterationFindsTheLeadingEigenvectorsOfASymmetricMatrix() {
        // eigenvalues 5, 3, 1, 0 along a rotated basis
        double c = Math.cos(0.3);
        double s = Math.sin(0.3);
        INDArray basis = org.nd4j.linalg.factory.Nd4j.createFromArray(new double[][] {
                {c, -s, 0, 0}, {s, c, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}});
        INDArray matrix = basis.mmul(org.nd4j.linalg.factory.Nd4j.diag(
                org.nd4j.linalg.factory.Nd4j.createFromArray(5.0, 3.0, 1.0, 0.0))).mmul(basis.transpose());
        INDArray vectors = TeacherWordVectors.leadingEigenvectors(matrix, 2);
        assertEquals(1.0, Math.abs(vectors.getColumn(0).mul(basis.getColumn(0)).sumNumber().doubleValue()), 1e-6);
        assertEquals(1.0, Math.abs(vectors.getColumn(1).mul(basis.getColumn(1)).sumNumber().doubleValue()), 1e-6);
    }
}
