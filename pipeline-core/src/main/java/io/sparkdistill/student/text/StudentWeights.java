package io.sparkdistill.student.text;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A text student's network in DL4J's own model format, without updater state: as {@value #FILE} in its saved folder,
 * and as bytes when Spark broadcasts the student (Java serialisation cannot write an ND4J network itself).
 */
public final class StudentWeights {
    public static final String FILE = "student.zip";

    private StudentWeights() {
    }

    public static void write(ComputationGraph network, Path folder) throws IOException {
        Files.createDirectories(folder);
        ModelSerializer.writeModel(network, folder.resolve(FILE).toFile(), false);
    }

    public static ComputationGraph read(Path folder) throws IOException {
        Path weights = folder.resolve(FILE);
        if (!Files.isRegularFile(weights)) {
            throw new IOException("no student weights at " + weights);
        }
        return ModelSerializer.restoreComputationGraph(weights.toFile(), false);
    }

    public static byte[] toBytes(ComputationGraph network) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(network, bytes, false);
        return bytes.toByteArray();
    }

    public static ComputationGraph fromBytes(byte[] bytes) {
        try {
            return ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore a student's network from its bytes", e);
        }
    }
}
