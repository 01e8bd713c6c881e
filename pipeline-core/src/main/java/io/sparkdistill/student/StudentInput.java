package io.sparkdistill.student;

import java.io.Serializable;
import java.util.List;

/** How an example's input texts become the row its student network is fed: one per architecture. */
public interface StudentInput extends Serializable {

    /** The network's input row for one example whose input texts are {@code segments}, in the task's field order. */
    float[] row(List<String> segments);
}
