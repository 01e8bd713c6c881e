package io.sparkdistill.config;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * The student families ({@code student.architecture}). Each task accepts its own and picks its default when none is
 * given: the label tasks the first three, the text tasks the families their strategy registers
 * ({@code io.sparkdistill.task}).
 */
public enum StudentArchitecture {
    /** Label tasks: averaged hashed n-gram embeddings, the fastest. */
    FASTTEXT(true, 1),
    /** Label tasks: word embeddings, one convolution over word windows, max over time: sees word order. */
    CNN(true, 2),
    /**
     * Label tasks: word embeddings read by an LSTM each way, each unit's maximum over the text: sees word order
     * across the whole text, at several times the cnn's cost per example.
     */
    BILSTM(true, 3),
    /** Text tasks: an LSTM language model that reads the prompt and writes the answer. */
    LSTM(false, 0),
    /** qa, summarisation: points at the answer's span or picks the summary's sentences in the input. */
    EXTRACTIVE(false, 0),
    /** conversation: picks a reply seen in training. */
    SELECTION(false, 0),
    /** math: writes an arithmetic program that is run for the answer. */
    PROGRAM(false, 0);

    private final boolean labelStudent;
    private final int costRank;

    StudentArchitecture(boolean labelStudent, int costRank) {
        this.labelStudent = labelStudent;
        this.costRank = costRank;
    }

    /** Whether this family learns a label task's soft labels (classification, nli). */
    public boolean labelStudent() {
        return labelStudent;
    }

    /**
     * Where a label family stands in time per example among the label families, 1 the fastest: the automatic recipe
     * prefers the lower on a near-tie ({@code search.prefer_faster_within}). A rank rather than a measured time, as
     * it follows from the network's shape (an average of embeddings, one convolution, a recurrence over every word)
     * whatever the machine. 0 for the text families, which are never compared.
     */
    public int costRank() {
        return costRank;
    }

    /** The value as written in a job's YAML (read case-insensitively) and in a saved student's card. */
    @JsonValue
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return configName();
    }
}
