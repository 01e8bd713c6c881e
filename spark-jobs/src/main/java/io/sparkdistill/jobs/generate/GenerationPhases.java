package io.sparkdistill.jobs.generate;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Where a generate run's wall time went, phase by phase, for {@code generate-summary.json} and the summary log line:
 * what a user waits for besides the teacher (reading the input, the cache, the writes) shows up there on every run,
 * not only in a profiler. Phases are driver-side spans in the order they first ran; one timed again (once per slice
 * of a large run) adds up.
 */
final class GenerationPhases {
    private final Map<String, Long> nanos = new LinkedHashMap<>();

    /** Runs {@code work} as (part of) {@code phase}. */
    <T> T time(String phase, Supplier<T> work) {
        long start = System.nanoTime();
        try {
            return work.get();
        } finally {
            add(phase, System.nanoTime() - start);
        }
    }

    /** Runs {@code work} as (part of) {@code phase}. */
    void time(String phase, Runnable work) {
        time(phase, () -> {
            work.run();
            return null;
        });
    }

    synchronized void add(String phase, long elapsedNanos) {
        nanos.merge(phase, elapsedNanos, Long::sum);
    }

    /** The time of every phase so far. */
    synchronized long totalNanos() {
        return nanos.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Seconds per phase, to the millisecond, in the order the phases first ran. */
    synchronized Map<String, Double> seconds() {
        Map<String, Double> out = new LinkedHashMap<>();
        nanos.forEach((phase, n) -> out.put(phase, Math.round(n / 1e6) / 1e3));
        return out;
    }

    /** "input 1.2 s, pending 0.3 s, ...", for the summary log line. */
    synchronized String describe() {
        return seconds().entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %.2f s", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
