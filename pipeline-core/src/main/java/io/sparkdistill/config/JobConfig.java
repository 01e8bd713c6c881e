package io.sparkdistill.config;

import io.sparkdistill.ingest.TaskType;

import java.io.Serializable;
import java.util.List;

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
 * @param training        how training is spread over the executors
 * @param output          where runs are written
 * @param evaluation      how speed is measured
 * @param spark           master (for local runs) and partitioning
 */
public record JobConfig(
        String name,
        TaskType task,
        List<String> labels,
        DataConfig data,
        TeacherConfig teacher,
        StudentConfig student,
        Hyperparameters hyperparameters,
        TrainingConfig training,
        OutputConfig output,
        EvaluationConfig evaluation,
        SparkConfig spark) implements Serializable {

    public JobConfig {
        labels = labels == null ? List.of() : List.copyOf(labels);
        teacher = teacher == null ? TeacherConfig.defaults() : teacher;
        student = student == null ? StudentConfig.defaults() : student;
        hyperparameters = hyperparameters == null ? Hyperparameters.defaults() : hyperparameters;
        training = training == null ? TrainingConfig.defaults() : training;
        output = output == null ? OutputConfig.defaults() : output;
        evaluation = evaluation == null ? EvaluationConfig.defaults() : evaluation;
        spark = spark == null ? SparkConfig.defaults() : spark;
    }

    /** The folder every artefact of this run goes under: {@code <output.dir>/<run name>}. */
    public String runDir() {
        String run = output.runName() == null ? name : output.runName();
        return output.dir().replaceAll("/+$", "") + "/" + run;
    }
}
