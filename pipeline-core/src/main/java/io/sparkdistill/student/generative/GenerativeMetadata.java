package io.sparkdistill.student.generative;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sparkdistill.config.GenerativeStudentConfig;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a saved generative student is and how it was made: written as {@code student.json} beside its weights.
 *
 * @param kind            "distilled" (learnt the teacher's answers) or "baseline" (learnt the gold answers)
 * @param task            the task's config name ("qa", "summarisation", "conversation", "math")
 * @param settings        its architecture, length limits and decoding
 * @param hyperparameters the training hyperparameters used
 * @param provenance      run id, teacher, training examples, epochs, validation scores, versions, time
 */
public record GenerativeMetadata(String kind, String task, GenerativeStudentConfig settings,
                                 Map<String, Object> hyperparameters, Map<String, Object> provenance)
        implements Serializable {
    public static final String FILE_NAME = "student.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public GenerativeMetadata {
        if (!"distilled".equals(kind) && !"baseline".equals(kind)) {
            throw new IllegalArgumentException("kind must be 'distilled' or 'baseline', got '" + kind + "'");
        }
        hyperparameters = hyperparameters == null ? Map.of() : new LinkedHashMap<>(hyperparameters);
        provenance = provenance == null ? Map.of() : new LinkedHashMap<>(provenance);
    }

    public void write(Path file) throws IOException {
        JSON.writeValue(file.toFile(), this);
    }

    public static GenerativeMetadata read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no student metadata at " + file);
        }
        return JSON.readValue(file.toFile(), GenerativeMetadata.class);
    }
}
