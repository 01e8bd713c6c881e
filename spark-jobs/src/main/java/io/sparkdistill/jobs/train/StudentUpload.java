package io.sparkdistill.jobs.train;

import io.sparkdistill.jobs.RunContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Puts a trained student into the run folder: written to a local folder by the student itself, then uploaded to the
 * run's file system, where it replaces the previous student only once complete.
 */
final class StudentUpload {

    /** How a kind of student writes its files into a folder. */
    @FunctionalInterface
    interface Writer {
        void writeTo(Path folder) throws IOException;
    }

    private StudentUpload() {
    }

    static void save(RunContext run, String target, Writer student) {
        try {
            Path local = Files.createTempDirectory("spark-distill-student-");
            student.writeTo(local);
            run.storage().uploadFolder(local, target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the student to " + target, e);
        }
    }
}
