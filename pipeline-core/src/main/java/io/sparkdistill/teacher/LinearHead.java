package io.sparkdistill.teacher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sparkdistill.math.Softmax;

import java.io.Serializable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The teacher's classification head: logits = weights · features + bias, one row per label. It is fitted
 * elsewhere (multinomial logistic regression on the labelled training split, in spark-jobs) and carried here as
 * plain numbers so executors can run it and it can be saved as JSON next to the run's outputs.
 *
 * @param labels  the label of each row, in the order of the logits
 * @param weights [labels][features]
 * @param bias    one intercept per label
 * @param fit     how the head was fitted, for provenance
 */
public record LinearHead(List<String> labels, float[][] weights, float[] bias, HeadFit fit) implements Serializable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * How a head was fitted: enough to fit it again.
     *
     * @param algorithm      e.g. "multinomial logistic regression (Spark MLlib)"
     * @param regularization L2 strength used
     * @param maxIterations  the iteration cap
     * @param trainExamples  how many labelled examples it was fitted on
     * @param trainAccuracy  its accuracy on them
     * @param fittedAt       when, as an ISO-8601 instant
     */
    public record HeadFit(String algorithm, double regularization, int maxIterations, long trainExamples,
                          double trainAccuracy, String fittedAt) implements Serializable {

        public HeadFit {
            Objects.requireNonNull(algorithm, "algorithm");
            Instant.parse(Objects.requireNonNull(fittedAt, "fittedAt"));
        }
    }

    /** The head's shape and fit as provenance entries, for a teacher's {@link TeacherInfo#details()}. */
    public Map<String, String> details() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("headFeatures", String.valueOf(featureCount()));
        details.put("headAlgorithm", fit.algorithm());
        details.put("headRegularization", String.valueOf(fit.regularization()));
        details.put("headMaxIterations", String.valueOf(fit.maxIterations()));
        details.put("headTrainExamples", String.valueOf(fit.trainExamples()));
        details.put("headTrainAccuracy", String.valueOf(fit.trainAccuracy()));
        details.put("headFittedAt", fit.fittedAt());
        return details;
    }

    public LinearHead {
        labels = List.copyOf(labels);
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(bias, "bias");
        Objects.requireNonNull(fit, "fit");
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("a head needs at least one label");
        }
        if (weights.length != labels.size() || bias.length != labels.size()) {
            throw new IllegalArgumentException("labels has " + labels.size() + " entries but weights has "
                    + weights.length + " rows and bias " + bias.length + " values");
        }
        for (int i = 0; i < weights.length; i++) {
            if (weights[i].length != weights[0].length) {
                throw new IllegalArgumentException("weights row " + i + " has " + weights[i].length
                        + " values but row 0 has " + weights[0].length);
            }
        }
    }

    /** Width of the feature vectors this head reads. */
    public int featureCount() {
        return weights[0].length;
    }

    /** One score per label. */
    /** The head's answer for one feature vector: argmax label, probabilities at {@code temperature}, logits. */
    public TeacherAnswer answer(float[] features, double temperature) {
        float[] z = logits(features);
        return new TeacherAnswer(labels.get(Softmax.argmax(z)), Softmax.of(z, temperature), z);
    }

    public float[] logits(float[] features) {
        if (features.length != featureCount()) {
            throw new IllegalArgumentException("the head reads " + featureCount() + " features but got "
                    + features.length);
        }
        float[] z = new float[labels.size()];
        for (int c = 0; c < z.length; c++) {
            double s = bias[c];
            float[] w = weights[c];
            for (int k = 0; k < w.length; k++) {
                s += (double) w[k] * features[k];
            }
            z[c] = (float) s;
        }
        return z;
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a LinearHead is always serialisable to JSON", e);
        }
    }

    public static LinearHead fromJson(String json) {
        try {
            return JSON.readValue(json, LinearHead.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a LinearHead: " + e.getOriginalMessage(), e);
        }
    }
}
