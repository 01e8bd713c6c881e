package io.sparkdistill.config;

import io.sparkdistill.ingest.TaskType;

import java.util.List;

/**
 * The config keys whose meaning depends on the task (its labels, its students, which teachers can answer it, which
 * levers apply), checked by the task's own strategy. {@link ConfigLoader} finds the rules of the job's task with
 * {@link java.util.ServiceLoader}, so that the config package does not depend on the task strategies, which depend
 * on it. Each strategy is listed in {@code META-INF/services/io.sparkdistill.config.TaskKeyRules}.
 */
public interface TaskKeyRules {

    /** The task these rules are for. */
    TaskType type();

    /** The student a job of this task trains when its config names none ({@code student.architecture}). */
    StudentArchitecture defaultArchitecture();

    /** Every problem with the task-dependent keys of {@code config}, or an empty list. */
    List<ConfigProblem> problems(JobConfig config);
}
