package io.sparkdistill.evaluate;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.OptionalLong;

/**
 * What one fresh JVM needed to load one model and answer a fixed set of inputs with it: the figure a service that
 * embeds the model pays, read by that process itself from Linux's {@code /proc/self/status}. Measured in a process of
 * its own because inside a busy JVM (the driver, with Spark, other models and a JIT at work) the growth of the resident
 * set is noise, and can even be negative.
 *
 * @param pid               the measuring process, to show it was not the caller
 * @param peakResidentBytes the process's peak resident set size ({@code VmHWM}): heap, native libraries and model
 *                          weights, JVM and all
 * @param heapAfterGcBytes  the Java heap still used after a full GC once the answers were given: the part of the
 *                          model the JVM holds in arrays
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ServingMemory(long pid, long peakResidentBytes, long heapAfterGcBytes) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("three numbers always serialise", e);
        }
    }

    /** The record from the one JSON line {@link #toJson()} wrote. */
    public static ServingMemory fromJson(String line) {
        try {
            return JSON.readValue(line, ServingMemory.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a serving-memory line: " + line, e);
        }
    }

    /** A {@code /proc/<pid>/status} field given in kB (such as "VmHWM"), in bytes; empty when the field is absent. */
    public static OptionalLong statusBytes(List<String> statusLines, String field) {
        String prefix = field + ":";
        for (String line : statusLines) {
            if (line.startsWith(prefix)) {
                String[] parts = line.substring(prefix.length()).trim().split("\\s+");
                return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
            }
        }
        return OptionalLong.empty();
    }
}
