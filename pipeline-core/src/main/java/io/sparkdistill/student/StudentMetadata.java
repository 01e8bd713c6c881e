package io.sparkdistill.student;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * What a saved student is, written beside its weights as {@code student.json}: everything needed to featurise
 * inputs the way it was trained and to name its outputs, plus provenance enough to tell how it was made.
 *
 * @param kind            "distilled" (learnt from a teacher) or "baseline" (gold labels only)
 * @param task            the task's config name ("classification", "nli")
 * @param labels          label names, in the order of the network's outputs
 * @param buckets         hash buckets of the featuriser
 * @param ngrams          longest word n-gram of the featuriser
 * @param dimension       embedding width
 * @param hyperparameters the training hyperparameters used
 * @param provenance      run id, teacher name and fingerprint, training examples, epochs, trained-at time, versions
 */
public record StudentMetadata(String kind, String task, List<String> labels, int buckets, int ngrams, int charNgrams,
                              int dimension,
                              Map<String, Object> hyperparameters, Map<String, Object> provenance)
        implements java.io.Serializable {

    public static final String FILE_NAME = "student.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public StudentMetadata {
        if (!"distilled".equals(kind) && !"baseline".equals(kind)) {
            throw new IllegalArgumentException("kind must be 'distilled' or 'baseline', got '" + kind + "'");
        }
        labels = List.copyOf(labels);
        hyperparameters = hyperparameters == null ? Map.of() : new LinkedHashMap<>(hyperparameters);
        provenance = provenance == null ? Map.of() : new LinkedHashMap<>(provenance);
    }

    /** The featuriser this student was trained with. */
    public HashingFeaturizer featurizer() {
        return new HashingFeaturizer(buckets, ngrams, charNgrams);
    }

    /** Java and DL4J versions of this JVM, for the provenance of a student trained here. */
    public static Map<String, Object> runtimeVersions() {
        Map<String, Object> versions = new LinkedHashMap<>();
        versions.put("java", System.getProperty("java.version"));
        versions.put("dl4j", dl4jVersion());
        return versions;
    }

    private static String dl4jVersion() {
        String resource = "/META-INF/maven/org.deeplearning4j/deeplearning4j-nn/pom.properties";
        try (InputStream in = MultiLayerNetwork.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    public void write(Path file) throws IOException {
        JSON.writeValue(file.toFile(), this);
    }

    public static StudentMetadata read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no student metadata at " + file);
        }
        return JSON.readValue(file.toFile(), StudentMetadata.class);
    }
}
