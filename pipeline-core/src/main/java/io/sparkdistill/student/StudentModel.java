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
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A trained student as a service embeds it: load a folder, call {@link #predict}, no Spark.
 *
 * <p>DL4J stays the format (so the saved zip is a normal DL4J model that can be trained further) but not the
 * prediction path: a DL4J {@code output()} call costs about half a millisecond of overhead, while the student's
 * arithmetic on one example is a few dozen embedding rows and one small matrix-vector product. So at load time the
 * weights are copied into plain arrays and {@link #predict} runs in pure Java ({@link BagOfNgramsForward} for the
 * fastText student, {@link ConvolutionForward} for the cnn, {@link BidirectionalLstmForward} for the bilstm), then a
 * softmax. Instances are immutable and safe to
 * share across threads.
 *
 * <p>It is {@link Serializable} so that Spark can broadcast it to executors; only the plain arrays travel, so a
 * deserialised copy predicts but cannot {@link #save}.
 */
public final class StudentModel implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String WEIGHTS_FILE = "student.zip";

    private final transient MultiLayerNetwork network;
    private final StudentMetadata metadata;
    private final StudentForward forward;

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
        if (metadata.isCnn()) {
            this.forward = new ConvolutionForward(network, metadata);
        } else if (metadata.isBilstm()) {
            this.forward = new BidirectionalLstmForward(network, metadata);
        } else {
            this.forward = new BagOfNgramsForward(network, metadata);
        }
    }

    /** Wraps a trained network; checks that its shape matches what the metadata says. */
    public static StudentModel fromNetwork(MultiLayerNetwork network, StudentMetadata metadata) {
        return new StudentModel(network, metadata);
    }

    /** Loads a folder written by {@link #save}. */
    public static StudentModel load(Path folder) throws IOException {
        Path weights = folder.resolve(WEIGHTS_FILE);
        if (!Files.isRegularFile(weights)) {
            throw new IOException("no student weights at " + weights);
        }
        StudentMetadata metadata = StudentMetadata.read(folder.resolve(StudentMetadata.FILE_NAME));
        MultiLayerNetwork network = ModelSerializer.restoreMultiLayerNetwork(weights.toFile(), false);
        // a float16 file comes back as a float16 network; fine-tuning and DL4J's own output() expect float32
        if (network.params().dataType() != DataType.FLOAT) {
            network = network.convertDataType(DataType.FLOAT);
        }
        return fromNetwork(network, metadata);
    }

    /**
     * Writes {@code student.zip} (the DL4J network, without updater state: a saved student is for inference or
     * a fresh fine-tuning run; in float16 when the metadata says so) and {@code student.json} into {@code folder},
     * creating it if needed. This instance keeps predicting with its float32 weights: {@link #load} what was saved to
     * predict as the saved student does.
     */
    public void save(Path folder) throws IOException {
        if (network == null) {
            throw new IllegalStateException("this copy of the student was deserialised without its network; save the "
                    + "original or load it from its folder");
        }
        Files.createDirectories(folder);
        MultiLayerNetwork stored = metadata.isHalfPrecision() ? network.convertDataType(DataType.HALF) : network;
        ModelSerializer.writeModel(stored, folder.resolve(WEIGHTS_FILE).toFile(), false);
        metadata.write(folder.resolve(StudentMetadata.FILE_NAME));
    }

    /** Predicts from the example's input texts, in the task's field order (text; or premise, hypothesis). */
    public Prediction predict(String... segments) {
        return predict(Arrays.asList(segments));
    }

    /** Predicts from the example's input texts, in the task's field order. */
    public Prediction predict(List<String> segments) {
        float[] probabilities = Softmax.of(forward.logits(segments), 1.0);
        List<String> labels = metadata.labels();
        Map<String, Float> byLabel = new LinkedHashMap<>();
        for (int c = 0; c < labels.size(); c++) {
            byLabel.put(labels.get(c), probabilities[c]);
        }
        return new Prediction(labels.get(Softmax.argmax(probabilities)), probabilities,
                Collections.unmodifiableMap(byLabel));
    }

    public List<String> labels() {
        return metadata.labels();
    }

    public StudentMetadata metadata() {
        return metadata;
    }

    /** Trainable parameters of the network. */
    public long parameterCount() {
        return forward.parameterCount();
    }
}
