package io.sparkdistill.student.generative;

import io.sparkdistill.student.TeacherWordVectors;
import io.sparkdistill.teacher.TokenEmbeddingTable;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * The LSTM's token embedding started from the teacher's word vectors ({@code student.init_from_teacher}): each
 * subword stands for the word it spells (its space and line-break marks dropped), that word's MiniLM vector is
 * reduced to the embedding width by {@link TeacherWordVectors}, and subwords the teacher has no vector for (the
 * specials, bare marks) keep their random rows. A student that starts knowing which words mean alike needs fewer
 * examples to write them in the right places.
 */
final class TeacherEmbedding {

    private TeacherEmbedding() {
    }

    /**
     * The embedding to start from: {@code random} ({@code [vocabulary, width]}, left unchanged) with the row of each
     * subword the teacher knows replaced by its teacher vector.
     */
    static float[][] rows(SubwordVocabulary vocabulary, INDArray random) {
        INDArray embedding = random.dup();
        List<String> words = new ArrayList<>();
        List<int[]> rows = new ArrayList<>();
        List<String> tokens = vocabulary.tokens();
        for (int id = SubwordVocabulary.EOS_ID + 1; id < tokens.size(); id++) {
            String word = word(tokens.get(id));
            if (!word.isBlank()) {
                words.add(word);
                rows.add(new int[]{id});
            }
        }
        new TeacherWordVectors(TokenEmbeddingTable.shared()).initialise(embedding, words, rows.toArray(new int[0][]));
        return embedding.toFloatMatrix();
    }

    /** The text a subword spells, without the marks of the space or line break before it. */
    static String word(String subword) {
        return subword.replace(SubwordVocabulary.SPACE, "").replace(SubwordVocabulary.NEWLINE, "");
    }
}
