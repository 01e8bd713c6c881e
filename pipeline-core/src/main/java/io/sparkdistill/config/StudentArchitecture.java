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
    FASTTEXT(true),
    /** Label tasks: word embeddings, one convolution over word windows, max over time: sees word order. */
    CNN(true),
    /**
     * Label tasks: word embeddings read by an LSTM each way, each unit's maximum over the text: sees word order
     * across the whole text, at several times the cnn's cost per example.
     */
    BILSTM(true),
    /** Text tasks: an LSTM language model that reads the prompt and writes the answer. */
    LSTM(false),
    /** qa, summarisation: points at the answer's span or picks the summary's sentences in the input. */
    EXTRACTIVE(false),
    /** conversation: picks a reply seen in training. */
    SELECTION(false),
    /** math: writes an arithmetic program that is run for the answer. */
    PROGRAM(false);

    private final boolean labelStudent;

    StudentArchitecture(boolean labelStudent) {
        this.labelStudent = labelStudent;
    }

    /** Whether this family learns a label task's soft labels (classification, nli). */
    public boolean labelStudent() {
        return labelStudent;
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
