package io.sparkdistill.jobs.evaluate;

import io.sparkdistill.jobs.RunContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A student loaded from the run folder for evaluation: the model, the local copy of its folder (which the memory
 * probe's process loads again) and the bytes of its saved files.
 */
record LoadedStudent<T>(T model, Path folder, long sizeOnDiskBytes) {

    /** How a kind of student reads its saved folder. */
    @FunctionalInterface
    interface Loader<T> {
        T load(Path folder) throws IOException;
    }

    /** Fetches {@code models/<kind>} to local disk and loads it. */
    static <T> LoadedStudent<T> load(RunContext run, String kind, Loader<T> loader) {
        Path local = run.storage().downloadFolder(run.layout().model(kind));
        try {
            return new LoadedStudent<>(loader.load(local), local, folderSize(local));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the " + kind + " student from " + local
                    + "; run the train stage first (distill train --config ...)", e);
        }
    }

    private static long folderSize(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot size " + folder, e);
        }
    }
}
