package io.sparkdistill.jobs.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sparkdistill.student.search.RecipeSearchRecord;

import java.util.List;
import java.util.Map;

/**
 * What one train run did, written to {@code train-summary.json}: per student, the loss and validation accuracy after
 * each epoch (so over-fitting shows), the examples it saw, how long it took, and which epoch was kept; with the
 * automatic recipe ({@code search.enabled}), the search that chose the distilled student ({@code search}, absent
 * otherwise).
 */
public record TrainSummary(String runId, Map<String, StudentRun> students,
                           @JsonInclude(JsonInclude.Include.NON_NULL) RecipeSearchRecord search) {

    /** A run without the automatic recipe. */
    public TrainSummary(String runId, Map<String, StudentRun> students) {
        this(runId, students, null);
    }

    /**
     * One trained student. {@code epochsRun} is below {@code plannedEpochs} when early stopping ended training;
     * {@code bestEpoch} is the epoch whose parameters were saved. {@code notLearnable} counts, by reason, the
     * training examples the student's family cannot learn from (an extractive qa student cannot learn an answer the
     * context does not hold); they are left out of training, never silently.
     */
    public record StudentRun(String kind, long trainingExamples, double alpha, List<Epoch> epochs, double seconds,
                             String savedTo, int plannedEpochs, int epochsRun, int bestEpoch, boolean stoppedEarly,
                             Map<String, Long> notLearnable) {
        public StudentRun {
            notLearnable = notLearnable == null ? Map.of() : Map.copyOf(notLearnable);
        }
    }

    /**
     * The state after one epoch; {@code validationAccuracy} is NaN without a validation split.
     * {@code validationMacroF1} is measured only where it picks the kept epoch (the automatic recipe), else absent.
     */
    public record Epoch(int epoch, double trainingLoss, double validationAccuracy, double seconds,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Double validationMacroF1) {

        public Epoch(int epoch, double trainingLoss, double validationAccuracy, double seconds) {
            this(epoch, trainingLoss, validationAccuracy, seconds, null);
        }
    }
}
