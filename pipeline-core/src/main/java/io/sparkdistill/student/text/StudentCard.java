package io.sparkdistill.student.text;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a saved text-task student is and how it was made: written as {@code student.json} beside its weights, and
 * read first when a student is loaded, since its {@code family} says how to load the rest.
 *
 * @param kind            "distilled" (learnt the teacher's answers) or "baseline" (learnt the gold answers)
 * @param task            the task's config name ("qa", "summarisation", "conversation", "math")
 * @param family          the student family ({@code student.architecture}: "extractive", "program", "lstm", ...)
 * @param settings        the family's own settings (sizes, limits), under their config keys
 * @param hyperparameters the training hyperparameters used
 * @param provenance      run id, teacher, training examples, epochs, validation scores, versions, time
 */
public record StudentCard(String kind, String task, String family, Map<String, Object> settings,
                          Map<String, Object> hyperparameters, Map<String, Object> provenance)
        implements Serializable {
    public static final String FILE_NAME = "student.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public StudentCard {
        if (!"distilled".equals(kind) && !"baseline".equals(kind)) {
            throw new IllegalArgumentException("kind must be 'distilled' or 'baseline', got '" + kind + "'");
        }
        settings = settings == null ? Map.of() : new LinkedHashMap<>(settings);
        hyperparameters = hyperparameters == null ? Map.of() : new LinkedHashMap<>(hyperparameters);
        provenance = provenance == null ? Map.of() : new LinkedHashMap<>(provenance);
    }

    /** This card with more provenance (the training outcome, known only once training ends). */
    public StudentCard withProvenance(Map<String, Object> more) {
        Map<String, Object> merged = new LinkedHashMap<>(provenance);
        merged.putAll(more);
        return new StudentCard(kind, task, family, settings, hyperparameters, merged);
    }

    public void write(Path folder) throws IOException {
        Files.createDirectories(folder);
        JSON.writeValue(folder.resolve(FILE_NAME).toFile(), this);
    }

    public static StudentCard read(Path folder) throws IOException {
        Path file = folder.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new IOException("no student metadata at " + file);
        }
        return JSON.readValue(file.toFile(), StudentCard.class);
    }
}
