package io.sparkdistill.evaluate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * Estimates how much memory loading a model costs, for the "memory" row of the comparison.
 *
 * <p>Two numbers, because the models live in different places: the embedded teacher's weights sit in native memory
 * owned by ONNX Runtime, invisible to the Java heap, while a DL4J/Java student lives mostly in arrays. The growth of
 * the process's resident set (VmRSS on Linux) sees both; the growth of used heap sees only the Java part.
 *
 * <p>Both are approximate. RSS moves with anything else the process does meanwhile (other threads, JIT, the
 * allocator keeping freed pages, pages not yet touched), and {@link System#gc()} is only a request. Read the figures
 * as orders of magnitude, and measure each model in a fresh JVM when the difference matters.
 */
public final class MemoryProbe {
    private static final Path PROC_STATUS = Path.of("/proc/self/status");
    private static final int SETTLE_ATTEMPTS = 20;
    private static final long SETTLE_PAUSE_MS = 50;
    private static final long SETTLED_BYTES = 1L << 20;

    private MemoryProbe() {
    }

    /**
     * What a load produced and what it cost.
     *
     * @param value              the loaded object
     * @param residentGrowthBytes growth of {@link #residentSetBytes()} across the load (may be negative)
     * @param heapGrowthBytes     growth of used heap across the load, both read after a GC (may be negative)
     */
    public record Measured<T>(T value, long residentGrowthBytes, long heapGrowthBytes) {
    }

    /**
     * The process's resident set size: VmRSS from {@code /proc/self/status}; where that file is absent
     * (not Linux), the used Java heap, which undercounts native memory.
     */
    public static long residentSetBytes() {
        if (Files.isReadable(PROC_STATUS)) {
            try {
                long rss = parseVmRss(Files.readAllLines(PROC_STATUS));
                if (rss >= 0) {
                    return rss;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + PROC_STATUS, e);
            }
        }
        return usedHeapBytes();
    }

    /** Runs {@code loader} and reports the growth of resident memory and used heap across it. */
    public static <T> Measured<T> measureLoad(Supplier<T> loader) {
        long residentBefore = settledResidentBytes();
        long heapBefore = usedHeapBytes();
        T value = loader.get();
        // Resident size is read before the second collection: a full GC may hand heap pages back to the OS and
        // hide what the load itself took (native buffers of ONNX Runtime are not on the heap at all).
        long residentAfter = residentSetBytes();
        System.gc();
        long heapAfter = usedHeapBytes();
        return new Measured<>(value, residentAfter - residentBefore, heapAfter - heapBefore);
    }

    /**
     * The resident size once a full GC has finished handing pages back: the JVM uncommits heap after a collection
     * in the background, so a reading taken right after {@code System.gc()} can still fall, and a later load would
     * then seem to shrink the process.
     */
    private static long settledResidentBytes() {
        System.gc();
        long previous = residentSetBytes();
        for (int i = 0; i < SETTLE_ATTEMPTS; i++) {
            try {
                Thread.sleep(SETTLE_PAUSE_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            long now = residentSetBytes();
            if (Math.abs(now - previous) < SETTLED_BYTES) {
                return now;
            }
            previous = now;
        }
        return previous;
    }

    /** VmRSS in bytes from the lines of a {@code /proc/<pid>/status} file, or -1 when no such line is present. */
    static long parseVmRss(List<String> statusLines) {
        for (String line : statusLines) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                long kib = Long.parseLong(parts[0]);
                return kib * 1024;
            }
        }
        return -1;
    }

    private static long usedHeapBytes() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
