package io.sparkdistill.student.text;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * A trained student of a text task (qa, summarisation, math, conversation), whatever its family: what evaluation,
 * {@code bin/distill predict} and the Java API talk to.
 *
 * <p>Serialisable, so Spark can broadcast it; a family's network travels as the bytes of DL4J's own model format.
 */
public interface TextStudent extends Serializable {
    /** A new answerer for one thread. */
    Answerer newAnswerer();

    /** The student's card: kind, task, family, settings and provenance, as saved in {@code student.json}. */
    StudentCard card();

    /** Trainable parameters. */
    long parameterCount();

    /** Writes the student into {@code folder}: its weights, what its inputs need, and {@code student.json}. */
    void save(Path folder) throws IOException;
}
