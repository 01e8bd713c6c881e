package io.sparkdistill.student;

import java.util.ArrayDeque;
import java.util.Deque;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The student a label training judges after each epoch ({@code hyperparameters.average_last_epochs}): the mean of
 * the last {@code window} epochs' parameters, as stochastic weight averaging takes it (Izmailov et al. 2018), while
 * training itself goes on from the epoch's own. A small student distilled on a few thousand texts peaks within a few
 * epochs and then swings by a few points of validation macro-F1 from epoch to epoch; the mean of neighbouring epochs
 * lies between the swings, so the epoch early stopping keeps is less a lucky one. The epochs before the window is
 * full average what there is.
 */
public final class EpochAverage {

    private final int window;
    private final Deque<INDArray> recent = new ArrayDeque<>();

    /** @param window epochs averaged, 1 or more (1: each epoch's own parameters) */
    public EpochAverage(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("the window must be at least 1 epoch, got " + window);
        }
        this.window = window;
    }

    /**
     * Records {@code network}'s parameters at the end of an epoch and returns the network to judge: {@code network}
     * itself when the window is 1, else a copy holding the mean of the window's parameters, which later epochs leave
     * as it is.
     */
    public MultiLayerNetwork after(MultiLayerNetwork network) {
        if (window == 1) {
            return network;
        }
        recent.addLast(network.params().dup());
        if (recent.size() > window) {
            recent.removeFirst();
        }
        INDArray mean = Nd4j.zerosLike(network.params());
        recent.forEach(mean::addi);
        mean.divi(recent.size());
        MultiLayerNetwork averaged = network.clone();
        averaged.setParams(mean);
        return averaged;
    }

    /** Whether {@link #after} returns copies, which need no copy of their own to be kept. */
    public boolean averages() {
        return window > 1;
    }
}
