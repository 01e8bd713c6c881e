package io.sparkdistill.student;

import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.config.LearningRateSchedule;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * The label students' Adam with {@code hyperparameters.learning_rate_schedule} as DL4J schedules, which travel in
 * the network's configuration (to Spark's workers, into the saved zip): one rate per epoch ({@link MapSchedule} by
 * {@link ScheduleType#EPOCH}).
 */
public final class ScheduledLearningRate {

    private ScheduledLearningRate() {
    }

    /** Adam at the job's learning rate, constant or following its schedule. */
    public static IUpdater adam(Hyperparameters h) {
        LearningRateSchedule schedule = h.learningRateSchedule();
        return schedule.isConstant() ? new Adam(h.learningRate()) : new Adam(of(h));
    }

    /** The schedule's rate at DL4J's epoch count (0 first). */
    static ISchedule of(Hyperparameters h) {
        LearningRateSchedule schedule = h.learningRateSchedule();
        Map<Integer, Double> byEpoch = new LinkedHashMap<>();
        for (int epoch = 0; epoch < h.numEpochs(); epoch++) {
            byEpoch.put(epoch, h.learningRate() * schedule.epochShare(epoch, h.numEpochs()));
        }
        return new MapSchedule(ScheduleType.EPOCH, byEpoch);
    }
}
