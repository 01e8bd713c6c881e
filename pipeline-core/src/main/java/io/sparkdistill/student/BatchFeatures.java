package io.sparkdistill.student;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A minibatch's network input as {@link StudentInput#batch} builds it.
 *
 * @param features {@code [n, width]}
 * @param mask     {@code [n, width]}, or null when every column of every row is read
 */
public record BatchFeatures(INDArray features, INDArray mask) {
}
