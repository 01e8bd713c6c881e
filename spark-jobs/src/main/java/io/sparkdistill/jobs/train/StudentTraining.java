package io.sparkdistill.jobs.train;

import io.sparkdistill.config.TrainingConfig;
import io.sparkdistill.jobs.store.TrainSummary;
import io.sparkdistill.student.EarlyStopping;
import io.sparkdistill.student.EpochAverage;
import io.sparkdistill.student.LogitAdjustment;
import io.sparkdistill.student.StudentMetadata;
import io.sparkdistill.student.StudentModel;
import io.sparkdistill.student.search.CandidateProgress;
import org.apache.spark.api.java.JavaRDD;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One label student training on the cluster, epoch by epoch, that can be resumed: {@link #trainTo} trains on from
 * where the last call stopped, keeping the network, the epoch curve, early stopping's count and the best epoch's
 * parameters. The configured training calls it once; the automatic recipe once per rung, so that successive halving
 * continues its survivors instead of starting them again.
 */
final class StudentTraining {
    private static final Logger LOG = LoggerFactory.getLogger(StudentTraining.class);

    /** How the student is judged on the validation split after an epoch. */
    @FunctionalInterface
    interface Judge {
        ValidationScores score(StudentModel model);
    }

    private final String name;
    private final TrainingConfig trainingConfig;
    private final SparkDl4jMultiLayer sparkNet;
    private final JavaRDD<DataSet> batches;
    private final long trainingExamples;
    private final int plannedEpochs;
    private final Judge judge;
    private final Function<Map<String, Object>, StudentMetadata> metadata;
    private final EarlyStopping stopping;
    private final EpochAverage average;
    private final List<TrainSummary.Epoch> epochs = new ArrayList<>();
    private MultiLayerNetwork kept;
    private long nanos;

    /**
     * @param name             how log lines name it ("distilled", or a candidate's settings)
     * @param plannedEpochs    the most epochs it may train ({@code hyperparameters.num_epochs})
     * @param average          which parameters are judged and kept after an epoch
     *                         ({@code hyperparameters.average_last_epochs})
     * @param metadata         the saved student's metadata, given what its training report adds
     * @param preparedNanos    time already spent preparing its batches and network, counted in {@link #seconds}
     */
    StudentTraining(String name, TrainingConfig trainingConfig, SparkDl4jMultiLayer sparkNet,
                    JavaRDD<DataSet> batches, long trainingExamples, int plannedEpochs, int patience,
                    EpochAverage average, Judge judge,
                    Function<Map<String, Object>, StudentMetadata> metadata, long preparedNanos) {
        this.name = name;
        this.trainingConfig = trainingConfig;
        this.sparkNet = sparkNet;
        this.batches = batches;
        this.trainingExamples = trainingExamples;
        this.plannedEpochs = plannedEpochs;
        this.judge = judge;
        this.metadata = metadata;
        this.stopping = new EarlyStopping(patience);
        this.average = average;
        this.nanos = preparedNanos;
    }

    /** Trains on until {@code totalEpochs} epochs in all (at most the planned ones) or until early stopping. */
    void trainTo(int totalEpochs) {
        long start = System.nanoTime();
        int before = epochs.size();
        int target = Math.min(totalEpochs, plannedEpochs);
        while (epochs.size() < target && !stopping.shouldStop()) {
            int epoch = epochs.size() + 1;
            long epochStart = System.nanoTime();
            sparkNet.fit(batches);
            MultiLayerNetwork judged = average.after(sparkNet.getNetwork());
            ValidationScores scores = judge.score(StudentModel.fromNetwork(judged, metadata.apply(Map.of())));
            double seconds = (System.nanoTime() - epochStart) / 1e9;
            double loss = TrainingMasters.trainingLoss(trainingConfig, sparkNet);
            epochs.add(new TrainSummary.Epoch(epoch, loss, scores.accuracy(), seconds, scores.macroF1()));
            // The epoch's own network is copied, since the next fit goes on changing it in place; an average is one.
            if (stopping.record(epoch, scores.monitored())) {
                kept = average.averages() ? judged : judged.clone();
            }
            LOG.info("[train {}] epoch {}/{}: loss {}, validation accuracy {}{} ({} s)", name, epoch, plannedEpochs,
                    TrainingMasters.formatLoss(loss), String.format("%.3f", scores.accuracy()),
                    scores.macroF1() == null ? "" : String.format(", macro-F1 %.3f", scores.macroF1()),
                    String.format("%.1f", seconds));
        }
        if (stopping.shouldStop() && epochs.size() > before && epochs.size() < plannedEpochs) {
            LOG.info("[train {}] stopped after epoch {}: no better validation {} for {} epochs; keeping epoch {}",
                    name, epochs.size(), epochs.get(0).validationMacroF1() == null ? "accuracy" : "macro-F1",
                    epochs.size() - stopping.bestEpoch(), stopping.bestEpoch());
        }
        nanos += System.nanoTime() - start;
    }

    /** Where it stands, as the search ranks it: the kept epoch's scores and its neighbours'. */
    CandidateProgress progress() {
        return CandidateProgress.of(epochs.stream().map(e -> e.validationMacroF1() == null ? Double.NaN
                : e.validationMacroF1()).toList(), stopping.bestEpoch(), stopping.shouldStop(),
                epochs.get(stopping.bestEpoch() - 1).validationAccuracy());
    }

    /** The kept epoch's student, its metadata carrying {@code trainingOutcome}. */
    StudentModel keptStudent(Map<String, Object> trainingOutcome) {
        return StudentModel.fromNetwork(kept, metadata.apply(trainingOutcome));
    }

    /** Shifts the kept epoch's logits by {@code adjustment}, in its output bias: later kept students predict with it. */
    void adjustKept(LogitAdjustment adjustment) {
        adjustment.applyTo(kept);
    }

    List<TrainSummary.Epoch> epochs() {
        return List.copyOf(epochs);
    }

    int bestEpoch() {
        return stopping.bestEpoch();
    }

    int plannedEpochs() {
        return plannedEpochs;
    }

    /** Early stopping ended it before its planned epochs. */
    boolean stoppedEarly() {
        return epochs.size() < plannedEpochs;
    }

    long trainingExamples() {
        return trainingExamples;
    }

    /** Wall-clock seconds spent on it so far, preparation included. */
    double seconds() {
        return nanos / 1e9;
    }
}
