package io.sparkdistill.jobs.evaluate;

import io.sparkdistill.evaluate.MemoryProbe;
import io.sparkdistill.jobs.RunContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A student loaded from the run folder for evaluation, with what it costs: the heap its loading took and the bytes
 * of its saved files.
 */
record LoadedStudent<T>(T model, long memoryBytes, long sizeOnDiskBytes) {

    /** How a kind of student reads its saved folder. */
    @FunctionalInterface
    interface Loader<T> {
        T load(Path folder) throws IOException;
    }

    /** Fetches {@code models/<kind>} to local disk and loads it, measuring the load. */
    static <T> LoadedStudent<T> load(RunContext run, String kind, Loader<T> loader) {
        Path local = run.storage().downloadFolder(run.layout().model(kind));
        MemoryProbe.Measured<T> measured = MemoryProbe.measureLoad(() -> {
            try {
                return loader.load(local);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load the " + kind + " student from " + local
                        + "; run the train stage first (distill train --config ...)", e);
            }
        });
        return new LoadedStudent<>(measured.value(), measured.heapGrowthBytes(), folderSize(local));
    }

    private static long folderSize(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot size " + folder, e);
        }
    }
}
