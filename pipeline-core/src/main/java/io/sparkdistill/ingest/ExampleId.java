package io.sparkdistill.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
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
        StringBuilder canonical = new StringBuilder()
                .append(task.configName()).append(SEPARATOR)
                .append(split.configName()).append(SEPARATOR);
        List<String> fields = task.inputFields();
        for (String field : fields) {
            canonical.append(field).append('=').append(inputs.get(field)).append(SEPARATOR);
        }
        canonical.append("label=").append(label);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
