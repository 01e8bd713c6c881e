package io.sparkdistill.config;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.io.Serializable;
import java.util.Objects;
import java.util.Set;

/**
 * One teacher of an ensemble ({@code teachers:} in a job's YAML): every key of a {@code teacher:} section plus
 * {@code name} and {@code weight}. {@link TeacherEntryDeserializer} reads it, so the teacher's own keys stay in its
 * kind's record ({@link TeacherConfig}) and are checked exactly as under {@code teacher:}.
 *
 * @param name    the teacher's name in the ensemble and its folder under {@code <run>/teachers/}; required when a
 *                job lists several teachers
 * @param weight  its share in the weighted average of soft labels and in the disagreement (default 1.0, > 0)
 * @param teacher the teacher itself
 */
@JsonDeserialize(using = TeacherEntryDeserializer.class)
public record TeacherEntry(String name, Double weight, TeacherConfig teacher) implements Serializable {

    /** The name of a job's teacher when it has a {@code teacher:} section rather than a list. */
    public static final String SINGLE = "teacher";

    public TeacherEntry {
        weight = weight == null ? 1.0 : weight;
        teacher = Objects.requireNonNullElseGet(teacher, TeacherConfig::defaults);
    }

    /**
     * Checks the entry's own keys (the teacher's are its record's); {@code problems} is the view of the entry.
     *
     * @param takenNames the names of the entries before it, to which this one's is added
     */
    public void validate(ConfigProblems problems, boolean ensemble, Set<String> takenNames) {
        problems.require(!ensemble || name != null, "name", null,
                "a name for each teacher of an ensemble (its folder under teachers/)");
        problems.require(name == null || FolderName.valid(name), "name", name, FolderName.EXPECTED);
        problems.require(name == null || takenNames.add(name), "name", name, "a name no other teacher of the job has");
        problems.require(weight > 0 && Double.isFinite(weight), "weight", weight, "a positive number");
    }

    /** The entry of a job with one teacher. */
    public static TeacherEntry single(TeacherConfig teacher) {
        return new TeacherEntry(SINGLE, 1.0, teacher);
    }
}
