package io.sparkdistill.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The stable id of an example: a SHA-256 of its task, split, input fields and label, so that the same row read
 * again (tomorrow, from another copy of the file) gets the same id and is never sent to the teacher twice.
 */
public final class ExampleId {
    private static final char SEPARATOR = '\u001f';

    private ExampleId() {
    }

    public static String of(TaskType task, Split split, Map<String, String> inputs, String label) {
        return sha256(task.configName() + SEPARATOR + split.configName() + SEPARATOR + canonical(task, inputs)
                + "label=" + label);
    }

    /** The same hash over the task and input fields alone: equal for one input found in two splits. */
    public static String ofInputs(TaskType task, Map<String, String> inputs) {
        return sha256(task.configName() + SEPARATOR + canonical(task, inputs));
    }

    private static String canonical(TaskType task, Map<String, String> inputs) {
        StringBuilder canonical = new StringBuilder();
        for (String field : task.inputFields()) {
            canonical.append(field).append('=').append(inputs.get(field)).append(SEPARATOR);
        }
        return canonical.toString();
    }

    private static String sha256(String canonical) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
