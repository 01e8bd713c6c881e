package io.sparkdistill.student.qa;

import io.sparkdistill.teacher.TokenEmbeddingTable;

/**
 * The bundled teacher's token embeddings, read once per JVM: reading them costs about a second, and a driver (or a
 * test class) that prepares several extractive students would otherwise pay it each time.
 */
final class BundledTeacherVectors {

    private BundledTeacherVectors() {
    }

    /** The table, read on first use. */
    static TokenEmbeddingTable table() {
        return Holder.TABLE;
    }

    /** Initialised by the JVM on first access, which makes the one-time read thread-safe. */
    private static final class Holder {
        private static final TokenEmbeddingTable TABLE = TokenEmbeddingTable.bundled();
    }
}
