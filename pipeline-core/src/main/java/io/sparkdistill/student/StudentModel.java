package io.sparkdistill.student;

import io.sparkdistill.math.Softmax;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained student as a service embeds it: load a folder, call {@link #predict}, no Spark.
 *
 * <p>DL4J stays the format (so the saved zip is a normal DL4J model that can be trained further) but not the
 * prediction path: a DL4J {@code output()} call costs about half a millisecond of overhead, while the student's
 * arithmetic on one example is a few dozen embedding rows and one small matrix-vector product. So at load time the
 * weights are copied into plain arrays and {@link #predict} runs in pure Java: featurise, average the firing
 * buckets' embedding rows, apply the output layer, softmax. Instances are immutable and safe to share across threads.
 *
 * <p>It is {@link Serializable} so that Spark can broadcast it to executors; only the plain arrays travel, so a
 * deserialised copy predicts but cannot {@link #save}.
 */
public final class StudentModel implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String WEIGHTS_FILE = "student.zip";

    private final transient MultiLayerNetwork network;
    private final StudentMetadata metadata;
    private final HashingFeaturizer featurizer;
    private final int dimension;
    private final int numLabels;
    /** Embedding rows, row-major: bucket b's vector is embeddings[b * dimension .. (b + 1) * dimension). */
    private final float[] embeddings;
    /** Output weights, row-major [dimension][numLabels]. */
    private final float[] outputWeights;
    private final float[] outputBias;

    /**
     * The predicted label and the probability of every label.
     *
     * @param label         the most probable label
     * @param probabilities one per label, in {@link #labels()} order
     * @param byLabel       the same probabilities keyed by label name, in label order
     */
    public record Prediction(String label, float[] probabilities, Map<String, Float> byLabel) {
    }

    private StudentModel(MultiLayerNetwork network, StudentMetadata metadata) {
        this.network = network;
        this.metadata = metadata;
        this.featurizer = metadata.featurizer();
        this.numLabels = metadata.labels().size();
        this.dimension = metadata.dimension();
        INDArray embedding = parameter(network.getLayer(StudentNetwork.EMBEDDING_LAYER), "W",
                metadata.buckets(), dimension);
        INDArray weights = parameter(network.getLayer(StudentNetwork.OUTPUT_LAYER), "W", dimension, numLabels);
        INDArray bias = parameter(network.getLayer(StudentNetwork.OUTPUT_LAYER), "b", 1, numLabels);
        this.embeddings = rowMajor(embedding);
        this.outputWeights = rowMajor(weights);
        this.outputBias = rowMajor(bias);
    }

    /** Wraps a trained network; checks that its shape matches what the metadata says. */
    public static StudentModel fromNetwork(MultiLayerNetwork network, StudentMetadata metadata) {
        if (network.getnLayers() != 2) {
            throw new IllegalArgumentException("a student network has 2 layers (embedding, output), got "
                    + network.getnLayers());
        }
        return new StudentModel(network, metadata);
    }

    /** Loads a folder written by {@link #save}. */
    public static StudentModel load(Path folder) throws IOException {
        Path weights = folder.resolve(WEIGHTS_FILE);
        if (!Files.isRegularFile(weights)) {
            throw new IOException("no student weights at " + weights);
        }
        StudentMetadata metadata = StudentMetadata.read(folder.resolve(StudentMetadata.FILE_NAME));
        return fromNetwork(ModelSerializer.restoreMultiLayerNetwork(weights.toFile(), false), metadata);
    }

    /**
     * Writes {@code student.zip} (the DL4J network, without updater state: a saved student is for inference or
     * a fresh fine-tuning run) and {@code student.json} into {@code folder}, creating it if needed.
     */
    public void save(Path folder) throws IOException {
        if (network == null) {
            throw new IllegalStateException("this copy of the student was deserialised without its network; save the "
                    + "original or load it from its folder");
        }
        Files.createDirectories(folder);
        ModelSerializer.writeModel(network, folder.resolve(WEIGHTS_FILE).toFile(), false);
        metadata.write(folder.resolve(StudentMetadata.FILE_NAME));
    }

    /** Predicts from the example's input texts, in the task's field order (text; or premise, hypothesis). */
    public Prediction predict(String... segments) {
        return predict(Arrays.asList(segments));
    }

    /** Predicts from the example's input texts, in the task's field order. */
    public Prediction predict(List<String> segments) {
        float[] probabilities = Softmax.of(logits(featurizer.features(segments)), 1.0);
        List<String> labels = metadata.labels();
        Map<String, Float> byLabel = new LinkedHashMap<>();
        for (int c = 0; c < numLabels; c++) {
            byLabel.put(labels.get(c), probabilities[c]);
        }
        return new Prediction(labels.get(Softmax.argmax(probabilities)), probabilities,
                Collections.unmodifiableMap(byLabel));
    }

    /** The student's logits for one featurised example: what the DL4J network computes before the loss. */
    float[] logits(SparseFeatures features) {
        float[] hidden = new float[dimension];
        for (int k = 0; k < features.size(); k++) {
            int row = features.indices()[k] * dimension;
            float weight = features.values()[k];
            for (int d = 0; d < dimension; d++) {
                hidden[d] += weight * embeddings[row + d];
            }
        }
        float[] logits = outputBias.clone();
        for (int d = 0; d < dimension; d++) {
            int row = d * numLabels;
            float h = hidden[d];
            for (int c = 0; c < numLabels; c++) {
                logits[c] += h * outputWeights[row + c];
            }
        }
        return logits;
    }

    public List<String> labels() {
        return metadata.labels();
    }

    public StudentMetadata metadata() {
        return metadata;
    }

    /** Trainable parameters: buckets * dimension + dimension * labels + labels. */
    public long parameterCount() {
        return (long) embeddings.length + outputWeights.length + outputBias.length;
    }

    private static INDArray parameter(Layer layer, String name, long rows, long columns) {
        INDArray param = layer.getParam(name);
        if (param == null || param.rank() != 2 || param.size(0) != rows || param.size(1) != columns) {
            throw new IllegalArgumentException("layer " + layer.getIndex() + " parameter '" + name
                    + "' should be [" + rows + ", " + columns + "] as the metadata says, got "
                    + (param == null ? "none" : Arrays.toString(param.shape())));
        }
        return param;
    }

    /** Copies a 2-d array into a row-major float[], whatever its ordering ('f' or 'c') in DL4J's buffer. */
    private static float[] rowMajor(INDArray matrix) {
        return matrix.dup('c').castTo(DataType.FLOAT).data().asFloat();
    }
}
