package io.sparkdistill.student;

import io.sparkdistill.math.Softmax;
import java.util.Arrays;
import java.util.Objects;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Knowledge-distillation loss (Hinton et al. 2015) as a DL4J loss, so the student trains with DL4J's own training
 * loop, locally or on Spark:
 * <pre>
 *   loss = alpha * CE(hard, softmax(z)) + (1 - alpha) * T^2 * KL(teacher_T || softmax(z / T))
 * </pre>
 * where {@code z} are the student's logits. The T^2 factor keeps the soft term's gradient on the same scale as the
 * hard term's whatever the temperature.
 *
 * <p>With class weights {@code w} ({@code hyperparameters.class_weighting}, {@link ClassWeights}) each term of an
 * example is multiplied by the weight its own target puts on the classes:
 * <pre>
 *   loss = alpha * (w . hard) * CE + (1 - alpha) * T^2 * (w . teacher_T) * KL
 * </pre>
 * so the hard term weighs an example by its gold class's weight, and the soft term by the weight the teacher's
 * distribution expects: an example the teacher puts on a small class counts more even without a gold label. The
 * weights do not depend on the logits, so they scale each term's gradient the same way.
 *
 * <p>DL4J gives a loss one labels array, so it carries both targets side by side: shape {@code [minibatch, 2C]},
 * columns {@code 0..C-1} the one-hot hard label, columns {@code C..2C-1} the teacher's probabilities at temperature
 * T. A row whose hard half is all zeros (an example outside the labelled share) has no cross-entropy term and no
 * gradient from it: it learns from the teacher alone. The loss applies the softmax itself (in log space, for stability), so the output layer must emit raw logits:
 * its activation must be IDENTITY.
 *
 * <p>As DL4J's built-in losses do, the gradient is per example (not divided by the minibatch size: DL4J's updater
 * does that) and the score is the mean over the minibatch when {@code average} is set, else the sum. Masks are per
 * example ({@code [minibatch, 1]}): a masked-out example adds nothing to score or gradient.
 *
 * <p>Fields are annotated with ND4J's shaded Jackson so that {@code MultiLayerConfiguration.toJson()/fromJson()},
 * which dl4j-spark uses to ship the network to executors, rebuilds the same loss.
 */
public final class DistillationLoss implements ILossFunction {

    private static final long serialVersionUID = 1L;
    /** Floor under teacher probabilities inside the log; q * log(q) is then exactly 0 where q is 0. */
    private static final double LOG_FLOOR = 1e-30;

    @JsonProperty("alpha")
    private final double alpha;
    @JsonProperty("temperature")
    private final double temperature;
    /** One weight per class, or null for none (every weight 1). */
    @JsonProperty("classWeights")
    private final double[] classWeights;

    /**
     * An unweighted loss.
     *
     * @param alpha       weight of the hard-label cross-entropy, in [0, 1]; 1 - alpha weighs the soft term
     * @param temperature softening temperature T, positive
     */
    public DistillationLoss(double alpha, double temperature) {
        this(alpha, temperature, null);
    }

    /**
     * @param classWeights one non-negative weight per class, in label order; null weighs every class 1
     */
    @JsonCreator
    public DistillationLoss(@JsonProperty("alpha") double alpha, @JsonProperty("temperature") double temperature,
                            @JsonProperty("classWeights") double[] classWeights) {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be positive and finite, got " + temperature);
        }
        if (classWeights != null && Arrays.stream(classWeights).anyMatch(w -> !(w >= 0) || Double.isInfinite(w))) {
            throw new IllegalArgumentException("class weights must be non-negative and finite, got "
                    + Arrays.toString(classWeights));
        }
        this.alpha = alpha;
        this.temperature = temperature;
        this.classWeights = classWeights == null ? null : classWeights.clone();
    }

    public double alpha() {
        return alpha;
    }

    public double temperature() {
        return temperature;
    }

    /**
     * The loss of one example straight from the formula, in double precision and plain Java: an independent
     * reference for tests and for checking a training run by hand.
     */
    public static double value(float[] logits, float[] hard, float[] teacherProbs, double alpha, double temperature) {
        double[] ones = new double[logits.length];
        Arrays.fill(ones, 1.0);
        return value(logits, hard, teacherProbs, alpha, temperature, ones);
    }

    /** As {@link #value(float[], float[], float[], double, double)}, with one weight per class. */
    public static double value(float[] logits, float[] hard, float[] teacherProbs, double alpha, double temperature,
                               double[] classWeights) {
        double hardWeight = 0;
        double softWeight = 0;
        for (int c = 0; c < logits.length; c++) {
            hardWeight += classWeights[c] * hard[c];
            softWeight += classWeights[c] * teacherProbs[c];
        }
        double[] logStudent = logSoftmax(logits, 1.0);
        double[] logStudentT = logSoftmax(logits, temperature);
        double crossEntropy = 0;
        double kl = 0;
        for (int c = 0; c < logits.length; c++) {
            crossEntropy -= hard[c] * logStudent[c];
            if (teacherProbs[c] > 0) {
                kl += teacherProbs[c] * (Math.log(teacherProbs[c]) - logStudentT[c]);
            }
        }
        return alpha * hardWeight * crossEntropy + (1 - alpha) * temperature * temperature * softWeight * kl;
    }

    private static double[] logSoftmax(float[] logits, double temperature) {
        double[] out = new double[logits.length];
        for (int c = 0; c < logits.length; c++) {
            out[c] = logits[c] / temperature;
        }
        double logSum = Softmax.logSumExp(out);
        for (int c = 0; c < logits.length; c++) {
            out[c] -= logSum;
        }
        return out;
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        INDArray perExample = computeScoreArray(labels, preOutput, activationFn, mask);
        double score = perExample.sumNumber().doubleValue();
        return average ? score / perExample.size(0) : score;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        check(labels, preOutput, activationFn);
        int classes = (int) preOutput.size(1);
        INDArray hard = hardHalf(labels, classes);
        INDArray teacher = teacherHalf(labels, classes);
        INDArray crossEntropy = hard.mul(logSoftmax(preOutput, 1.0)).sum(true, 1).negi();
        INDArray teacherLog = Transforms.log(Transforms.max(teacher, LOG_FLOOR, true), false);
        INDArray kl = teacher.mul(teacherLog.subi(logSoftmax(preOutput, temperature))).sum(true, 1);
        if (classWeights != null) {
            crossEntropy.muli(expectedWeight(hard));
            kl.muli(expectedWeight(teacher));
        }
        INDArray perExample = crossEntropy.muli(alpha).addi(kl.muli((1 - alpha) * temperature * temperature));
        return applyMask(perExample, mask);
    }

    /**
     * dL/dz = alpha * (softmax(z) * sum(hard) - hard) + (1 - alpha) * T * (softmax(z / T) * sum(teacher) - teacher):
     * the chain rule through z / T turns the T^2 into T. With class weights each term's row is multiplied by its
     * target's expected weight, as in the score.
     */
    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        check(labels, preOutput, activationFn);
        int classes = (int) preOutput.size(1);
        INDArray hard = hardHalf(labels, classes);
        INDArray teacher = teacherHalf(labels, classes);
        INDArray hardTerm = Transforms.exp(logSoftmax(preOutput, 1.0), false)
                .muliColumnVector(hard.sum(true, 1)).subi(hard);
        INDArray softTerm = Transforms.exp(logSoftmax(preOutput, temperature), false)
                .muliColumnVector(teacher.sum(true, 1)).subi(teacher);
        if (classWeights != null) {
            hardTerm.muliColumnVector(expectedWeight(hard));
            softTerm.muliColumnVector(expectedWeight(teacher));
        }
        INDArray gradient = hardTerm.muli(alpha).addi(softTerm.muli((1 - alpha) * temperature));
        return applyMask(gradient, mask);
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput,
                                                          IActivation activationFn, INDArray mask,
                                                          boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    @Override
    public String name() {
        return toString();
    }

    private static void check(INDArray labels, INDArray preOutput, IActivation activationFn) {
        if (!(activationFn instanceof ActivationIdentity)) {
            throw new IllegalArgumentException("DistillationLoss applies the softmax itself, so the output layer's "
                    + "activation must be IDENTITY (emit logits); got " + activationFn);
        }
        if (preOutput.rank() != 2 || labels.rank() != 2) {
            throw new IllegalArgumentException("DistillationLoss expects 2-d logits and labels; got shapes "
                    + Arrays.toString(preOutput.shape()) + " and "
                    + Arrays.toString(labels.shape()));
        }
        if (labels.size(0) != preOutput.size(0) || labels.size(1) != 2 * preOutput.size(1)) {
            throw new IllegalArgumentException("labels must be [minibatch, 2 * classes] (hard one-hot, then teacher "
                    + "probabilities) for logits [minibatch, classes]; got labels "
                    + Arrays.toString(labels.shape()) + " for logits "
                    + Arrays.toString(preOutput.shape()));
        }
    }

    private static INDArray hardHalf(INDArray labels, int classes) {
        return labels.get(NDArrayIndex.all(), NDArrayIndex.interval(0, classes)).dup();
    }

    private static INDArray teacherHalf(INDArray labels, int classes) {
        return labels.get(NDArrayIndex.all(), NDArrayIndex.interval(classes, 2 * classes)).dup();
    }

    /** Per row, the class weights averaged under that row's target distribution: {@code [minibatch, 1]}. */
    private INDArray expectedWeight(INDArray targets) {
        INDArray weights = Nd4j.createFromArray(classWeights).castTo(targets.dataType()).reshape(classWeights.length, 1);
        return targets.mmul(weights);
    }

    /** log(softmax(z / t)) per row, with the row's maximum subtracted first so exp never overflows. */
    private static INDArray logSoftmax(INDArray logits, double t) {
        INDArray shifted = logits.div(t);
        shifted.subiColumnVector(shifted.max(true, 1));
        INDArray logSum = Transforms.log(Transforms.exp(shifted, true).sum(true, 1), false);
        return shifted.subiColumnVector(logSum);
    }

    private static INDArray applyMask(INDArray perRow, INDArray mask) {
        if (mask == null) {
            return perRow;
        }
        if (mask.length() != perRow.size(0)) {
            throw new IllegalArgumentException("DistillationLoss supports per-example masks only ([minibatch, 1]); "
                    + "got mask shape " + Arrays.toString(mask.shape()) + " for minibatch "
                    + perRow.size(0));
        }
        return perRow.muliColumnVector(mask.reshape(perRow.size(0), 1).castTo(perRow.dataType()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DistillationLoss other && other.alpha == alpha && other.temperature == temperature
                && Arrays.equals(other.classWeights, classWeights);
    }

    @Override
    public int hashCode() {
        return Objects.hash(alpha, temperature, Arrays.hashCode(classWeights));
    }

    @Override
    public String toString() {
        return "DistillationLoss(alpha=" + alpha + ", temperature=" + temperature
                + (classWeights == null ? "" : ", classWeights=" + Arrays.toString(classWeights)) + ")";
    }
}
