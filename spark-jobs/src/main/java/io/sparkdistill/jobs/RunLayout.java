package io.sparkdistill.jobs;

import io.sparkdistill.config.JobConfig;

/** Where each artefact of a run lives under {@code <output.dir>/<run name>/}; one place so stages agree. */
public record RunLayout(String root) {
    /** The {@link #model} kind of the student that learns from the teacher's answers. */
    public static final String DISTILLED = "distilled";
    /** The {@link #model} kind of the student that learns from the gold answers alone, the comparison. */
    public static final String BASELINE = "baseline";

    public static RunLayout of(JobConfig config) {
        return new RunLayout(config.runDir());
    }

    /** Rows that failed input validation, with file, line and reason (Parquet). */
    public String quarantine() {
        return root + "/quarantine";
    }

    /** The teacher's accepted outputs with soft labels and provenance (Parquet, partitioned by split). */
    public String synthetic() {
        return root + "/synthetic";
    }

    /** API teacher answers that failed validation, with the reason (Parquet); never asked again. */
    public String rejected() {
        return root + "/rejected";
    }

    /** API teacher calls that failed after every retry, in the latest run, with the last error (Parquet). */
    public String failed() {
        return root + "/failed";
    }

    /** API teacher answers journaled as they are paid for, until their slice is committed (JSON Lines). */
    public String answerJournal() {
        return root + "/answer-journal";
    }

    /** The classification head fitted on the training split, reused by later generate runs. */
    public String teacherHead() {
        return root + "/teacher/head.json";
    }

    /** The run folder of one teacher of an ensemble, laid out like a run of that teacher alone. */
    public String teacherRun(String name) {
        return root + "/teachers/" + name;
    }

    public String generateSummary() {
        return root + "/generate-summary.json";
    }

    /** A saved student: {@code kind} is {@code distilled} or {@code baseline}. */
    public String model(String kind) {
        return root + "/models/" + kind;
    }

    public String trainSummary() {
        return root + "/train-summary.json";
    }

    /** Per-example outputs of every model on the test split (Parquet). */
    public String predictions() {
        return root + "/predictions";
    }

    /** The accepted evaluation: the baseline the next one is compared with. */
    public String metrics() {
        return root + "/metrics.json";
    }

    /**
     * The latest evaluation that {@code evaluation.fail_on_regression} refused: kept for inspection, never compared
     * with, and removed once an evaluation is accepted.
     */
    public String rejectedMetrics() {
        return root + "/metrics.rejected.json";
    }

    /** Held by the one run working in this folder (see {@code io.sparkdistill.jobs.lock.RunLock}). */
    public String lock() {
        return root + "/run.lock";
    }

    public String report() {
        return root + "/report.md";
    }

    /** The same report as one self-contained page with inline SVG charts. */
    public String htmlReport() {
        return root + "/report.html";
    }

    /** Where an earlier run's metrics.json is kept once a new evaluation replaces it. */
    public String previousMetrics(String runId) {
        return root + "/history/" + runId + "-metrics.json";
    }
}
