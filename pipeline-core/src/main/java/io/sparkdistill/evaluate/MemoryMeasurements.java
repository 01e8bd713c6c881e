package io.sparkdistill.evaluate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Each model's memory as the evaluation measured it, for the report's run details and {@code metrics.json}: the peak
 * resident set of a fresh JVM per model ({@link ServingMemory}), beside an empty JVM that did the same without a
 * model, or why nothing was measured.
 *
 * @param method      how the figures were taken, in words
 * @param emptyJvm    the reference process with no model; null when nothing was measured
 * @param models      role ("teacher", "baseline", "distilled") -> that model's process
 * @param notMeasured why there are no figures; null when there are
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MemoryMeasurements(String method, ServingMemory emptyJvm, Map<String, ServingMemory> models,
                                 String notMeasured) {
    static final String METHOD = "peak resident set (VmHWM) of a fresh JVM per model that loaded it and answered "
            + "the latency sample, beside an empty JVM that read the same inputs";

    public MemoryMeasurements {
        models = models == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(models));
    }

    public static MemoryMeasurements measured(ServingMemory emptyJvm, Map<String, ServingMemory> models) {
        return new MemoryMeasurements(METHOD, emptyJvm, models, null);
    }

    public static MemoryMeasurements notMeasured(String reason) {
        return new MemoryMeasurements(null, null, Map.of(), reason);
    }

    /** The peak resident set of {@code role}'s process, or {@link ModelEvaluation#UNKNOWN} when not measured. */
    public long memoryBytes(String role) {
        ServingMemory m = models.get(role);
        return m == null ? ModelEvaluation.UNKNOWN : m.peakResidentBytes();
    }

    /** One line for the report: each model's peak and heap, then the empty JVM's; or why there are none. */
    @Override
    public String toString() {
        if (notMeasured != null) {
            return "not measured: " + notMeasured;
        }
        StringJoiner line = new StringJoiner(", ");
        models.forEach((role, m) -> line.add(role + " " + mb(m.peakResidentBytes()) + " (heap after GC "
                + mb(m.heapAfterGcBytes()) + ")"));
        return line + "; an empty JVM " + mb(emptyJvm.peakResidentBytes()) + ". " + METHOD + ".";
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
    }
}
