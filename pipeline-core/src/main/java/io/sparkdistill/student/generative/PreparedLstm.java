package io.sparkdistill.student.generative;

import io.sparkdistill.config.GenerativeStudentConfig;

import java.io.Serializable;

/**
 * What the LSTM family learns before training, broadcast to the executors: the subword vocabulary learnt from the
 * training texts, the {@code student.generative} config the network is built and fed with, and, when the student
 * starts from the teacher's word vectors, the embedding rows to start from (null otherwise: random rows). Only the
 * reduced rows of this vocabulary travel, never the teacher's table.
 */
public record PreparedLstm(SubwordVocabulary vocabulary, GenerativeStudentConfig settings,
                           float[][] startingEmbedding) implements Serializable {
}
