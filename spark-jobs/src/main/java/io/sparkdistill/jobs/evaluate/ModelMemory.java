package io.sparkdistill.jobs.evaluate;

import io.sparkdistill.evaluate.MemoryMeasurements;
import io.sparkdistill.evaluate.memory.ServingMemoryProbe;
import io.sparkdistill.ingest.TaskType;
import io.sparkdistill.jobs.RunContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The evaluate stage's memory figures: each model loaded and run on the latency sample by a fresh JVM of its own
 * ({@link ServingMemoryProbe}), unless {@code evaluation.measure_memory} is off. Runs on the driver before any
 * timing, so the probes' processes do not slow the latency figures.
 */
final class ModelMemory {
    private static final Logger LOG = LoggerFactory.getLogger(ModelMemory.class);
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private ModelMemory() {
    }

    /**
     * @param models role ("teacher", "baseline", "distilled") -> how its process loads it; a model missing here
     *               (an API teacher) is not measured
     */
    static MemoryMeasurements measure(RunContext run, TaskType task, List<Map<String, String>> sample,
                                      Map<String, ServingMemoryProbe.Model> models) {
        if (!run.config().evaluation().measureMemory()) {
            return MemoryMeasurements.notMeasured("evaluation.measure_memory is false");
        }
        Path work;
        try {
            work = Files.createTempDirectory("spark-distill-memory-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for the memory probes in java.io.tmpdir", e);
        }
        long start = System.nanoTime();
        MemoryMeasurements measured = new ServingMemoryProbe(work, TIMEOUT).measure(task, sample, models);
        LOG.info("[evaluate] memory in {} s: {}", String.format("%.1f", (System.nanoTime() - start) / 1e9), measured);
        if (measured.notMeasured() == null) {
            deleteRecursively(work);
        } else {
            LOG.warn("[evaluate] the memory probes' output stays in {}", work);
        }
        return measured;
    }

    /** A local file holding {@code text}, for a probe process to read (a head stored on HDFS, say). */
    static Path localFile(String name, String text) {
        try {
            Path file = Files.createTempFile("spark-distill-" + name + "-", ".json");
            file.toFile().deleteOnExit();
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + name + " into java.io.tmpdir", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            LOG.warn("[evaluate] could not delete the memory probes' folder {}: {}", dir, e.getMessage());
        }
    }
}
