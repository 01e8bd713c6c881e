package io.sparkdistill.config;

import io.sparkdistill.ingest.TaskType;

import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A distillation job, as written in {@code conf/<job>.yaml}. Keys are snake_case in YAML; every section but
 * {@code name}, {@code task}, {@code labels} and {@code data} has defaults. {@link ConfigLoader} reads and validates it.
 *
 * @param name            the job's name; also the default run name
 * @param task            {@code classification}, {@code nli}, {@code conversation}, {@code qa}, {@code math} or
 *                        {@code summarisation}
 * @param labels          classification and nli: the label set; an input row with another label is quarantined
 * @param data            where the splits are and how much bad input is tolerated
 * @param teacher         which teacher answers
 * @param student         the student's architecture
 * @param hyperparameters the source document's training knobs, plus {@code alpha} and {@code seed}
 * @param search          classification and nli: the automatic recipe, a search over candidate students (off by
 *                        default)
 * @param training        how training is spread over the executors
 * @param output          where runs are written
 * @param evaluation      how speed is measured
 * @param spark           master (for local runs) and partitioning
 * @param teachers        every teacher of the job: the {@code teachers:} list of an ensemble, or the one
 *                        {@code teacher:} (named {@value TeacherEntry#SINGLE}); {@code teacher} is the first of them
 */
public record JobConfig(
        String name,
        TaskType task,
        List<String> labels,
        DataConfig data,
        TeacherConfig teacher,
        StudentConfig student,
        Hyperparameters hyperparameters,
        RecipeSearchConfig search,
        TrainingConfig training,
        OutputConfig output,
        EvaluationConfig evaluation,
        SparkConfig spark,
        List<TeacherEntry> teachers) implements Serializable {

    /** The rows of the configuration reference for this section's keys. */
    public static final List<KeyDoc> KEYS = List.of(
            KeyDoc.of("name", "required", "the job's name; also the run folder's name"),
            KeyDoc.of("task", "required", "`classification`, `nli`, `conversation`, `qa`, `math` or `summarisation`"),
            KeyDoc.of("labels", "required for classification and nli", "the label set; other labels are quarantined"),
            KeyDoc.of("teachers", "none", "instead of `teacher`: a list of teachers whose answers are combined (see "
                    + "Several teachers); each entry has the `teacher.*` keys plus `name` (required with two or "
                    + "more) and `weight` (1.0, above 0)"));

    public JobConfig {
        labels = labels == null ? List.of() : List.copyOf(labels);
        if (teachers == null || teachers.isEmpty()) {
            teacher = teacher == null ? TeacherConfig.defaults() : teacher;
            teachers = List.of(TeacherEntry.single(teacher));
        } else {
            teachers = List.copyOf(teachers);
            if (teacher != null && !teacher.equals(teachers.get(0).teacher())) {
                throw new IllegalArgumentException("a job has either a teacher or a list of teachers, not both");
            }
            teacher = teachers.get(0).teacher();
        }
        student = student == null ? StudentConfig.defaults() : student;
        hyperparameters = hyperparameters == null ? Hyperparameters.defaults() : hyperparameters;
        search = search == null ? RecipeSearchConfig.off() : search;
        training = training == null ? TrainingConfig.defaults() : training;
        output = output == null ? OutputConfig.defaults() : output;
        evaluation = evaluation == null ? EvaluationConfig.defaults() : evaluation;
        spark = spark == null ? SparkConfig.defaults() : spark;
    }

    /** True when several teachers answer and their answers are combined ({@code teachers:} with two or more). */
    public boolean isEnsemble() {
        return teachers.size() > 1;
    }

    /** This job with {@code teacher} as its only teacher: how one member of an ensemble is run. */
    public JobConfig withTeacher(TeacherConfig teacher) {
        return new JobConfig(name, task, labels, data, teacher, student, hyperparameters, search, training, output,
                evaluation, spark, null);
    }

    /**
     * Checks every key of the job, each section by its own record, under the key's full path. The task's own rules
     * (which keys apply to it) are added by the loader ({@link TaskKeyRules}): this package does not know the tasks.
     */
    public void validate(ConfigProblems problems) {
        problems.require(FolderName.valid(name), "name", name, FolderName.EXPECTED);
        problems.require(task != null || problems.has("task"), "task", null,
                "classification, nli, conversation, qa, math or summarisation");
        problems.require(data != null, "data", null, "a data section with train and test paths");
        if (data != null) {
            data.validate(problems.at("data"));
        }
        validateTeachers(problems);
        student.validate(problems.at("student"));
        hyperparameters.validate(problems.at("hyperparameters"));
        search.validate(problems.at("search"));
        training.validate(problems.at("training"));
        output.validate(problems.at("output"));
        evaluation.validate(problems.at("evaluation"));
        spark.validate(problems.at("spark"));
    }

    /**
     * The teacher section, or each entry of a {@code teachers:} list under its index ({@code teachers[1].endpoint}),
     * with the names and weights an ensemble needs.
     */
    private void validateTeachers(ConfigProblems problems) {
        boolean listed = !(teachers.size() == 1 && TeacherEntry.SINGLE.equals(teachers.get(0).name()));
        Set<String> names = new HashSet<>();
        for (int i = 0; i < teachers.size(); i++) {
            TeacherEntry entry = teachers.get(i);
            ConfigProblems section = problems.at(listed ? "teachers[" + i + "]" : "teacher");
            if (listed) {
                entry.validate(section, isEnsemble(), names);
            }
            entry.teacher().validate(section);
        }
    }

    /** The folder every artefact of this run goes under: {@code <output.dir>/<run name>}. */
    public String runDir() {
        String run = output.runName() == null ? name : output.runName();
        return output.dir().replaceAll("/+$", "") + "/" + run;
    }
}
