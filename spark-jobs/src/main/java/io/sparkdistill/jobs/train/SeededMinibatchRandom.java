package io.sparkdistill.jobs.train;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.spark.api.TrainingHook;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reseeds ND4J's random generator before each minibatch a worker fits, from the job's seed and the minibatch's
 * content. Dropout (the cnn student's) draws its masks from the generator of the executor thread that runs the task,
 * whose state depends on whatever that pooled thread ran before; reseeded this way, the same minibatch gets the same
 * masks in every run.
 */
final class SeededMinibatchRandom implements TrainingHook {
    private static final long serialVersionUID = 1L;

    private final long seed;

    SeededMinibatchRandom(long seed) {
        this.seed = seed;
    }

    @Override
    public void preUpdate(DataSet minibatch, Model model) {
        Nd4j.getRandom().setSeed(seed * 31 + minibatch.getFeatures().hashCode() * 17L
                + minibatch.getLabels().hashCode());
    }

    @Override
    public void postUpdate(DataSet minibatch, Model model) {
        // Nothing to undo: the next minibatch reseeds.
    }

    @Override
    public void preUpdate(MultiDataSet minibatch, Model model) {
        Nd4j.getRandom().setSeed(seed * 31 + minibatch.getFeatures(0).hashCode() * 17L
                + minibatch.getLabels(0).hashCode());
    }

    @Override
    public void postUpdate(MultiDataSet minibatch, Model model) {
        // Nothing to undo: the next minibatch reseeds.
    }
}
