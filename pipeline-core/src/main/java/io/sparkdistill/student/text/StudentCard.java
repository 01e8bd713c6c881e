package io.sparkdistill.student.text;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sparkdistill.provenance.Provenance;

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
 * @param provenance      how it was made: run, build, config, input files, teacher, seed, versions (null for a
 *                        student made outside a run)
 * @param training        what its training reported: examples, epochs, validation scores, the epoch kept and why
 */
public record StudentCard(String kind, String task, String family, Map<String, Object> settings,
                          Map<String, Object> hyperparameters, Provenance provenance, Map<String, Object> training)
        implements Serializable {
    public static final String FILE_NAME = "student.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public StudentCard {
        if (!"distilled".equals(kind) && !"baseline".equals(kind)) {
            throw new IllegalArgumentException("kind must be 'distilled' or 'baseline', got '" + kind + "'");
        }
        settings = settings == null ? Map.of() : new LinkedHashMap<>(settings);
        hyperparameters = hyperparameters == null ? Map.of() : new LinkedHashMap<>(hyperparameters);
        training = training == null ? Map.of() : new LinkedHashMap<>(training);
    }

    /** This card with more of its training's report (the outcome, known only once training ends). */
    public StudentCard withTraining(Map<String, Object> more) {
        Map<String, Object> merged = new LinkedHashMap<>(training);
        merged.putAll(more);
        return new StudentCard(kind, task, family, settings, hyperparameters, provenance, merged);
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
