package io.sparkdistill.teacher;

import java.io.Serializable;
import java.util.Map;
import java.util.Objects;

/**
 * Provenance of a teacher, written next to every synthetic data set and student so a run can say exactly which
 * model produced its soft labels.
 *
 * @param name             human-readable model name
 * @param version          version of the artefact the model came from
 * @param modelFingerprint first 12 hex digits of the SHA-256 of the model's bytes: changes whenever the model does
 * @param details          anything else needed to reproduce the answers (temperature, head fit, pooling...)
 */
public record TeacherInfo(String name, String version, String modelFingerprint, Map<String, String> details)
        implements Serializable {

    public TeacherInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(modelFingerprint, "modelFingerprint");
        details = Map.copyOf(details);
    }
}
