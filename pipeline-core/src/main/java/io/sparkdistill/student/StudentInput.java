package io.sparkdistill.student;

import java.io.Serializable;
import java.util.List;

/** How examples' input texts become what their student network is fed: one per architecture. */
public interface StudentInput extends Serializable {

    /** The network's input for a minibatch; each example is its input texts, in the task's field order. */
    BatchFeatures batch(List<List<String>> examples);

    /** Whether {@link #batch} pads every row to the minibatch's longest example (rather than to a fixed width). */
    default boolean padsToLongest() {
        return false;
    }
}
