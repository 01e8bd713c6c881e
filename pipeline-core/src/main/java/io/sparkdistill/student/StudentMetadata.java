package io.sparkdistill.student;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sparkdistill.config.Precision;
import io.sparkdistill.config.StudentArchitecture;
import io.sparkdistill.provenance.Provenance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * @param provenance      how it was made: run, build, config, input files, teacher, seed, versions (null for a
 *                        student made outside a run)
 * @param training        what its training reported: examples, labelled share, epochs run, the epoch kept and why
 * @param architecture    "fasttext", "cnn" or "bilstm"; absent in students saved before the cnn existed, which are
 *                        fastText
 * @param filters         cnn: convolution filters (0 for fasttext)
 * @param kernel          cnn: words per convolution window (0 for fasttext)
 * @param maxTokens       cnn, bilstm: words read per example (0 for fasttext)
 * @param vocabulary      cnn, bilstm: the known words in id order, after the reserved rows of {@link WordVocabulary}
 *                        (empty for fasttext)
 * @param precision       how {@code student.zip} stores the weights, {@code float32} or {@code float16}; absent in
 *                        students saved before float16 existed, which are float32
 */
public record StudentMetadata(String kind, String task, List<String> labels, int buckets, int ngrams, int charNgrams,
                              int dimension,
                              Map<String, Object> hyperparameters, Provenance provenance,
                              Map<String, Object> training, String architecture, int filters, int kernel,
                              int maxTokens, List<String> vocabulary,
                              String precision)
        implements java.io.Serializable {

    public static final String FILE_NAME = "student.json";
    /** The architectures and precisions a saved label student may have, as its file spells them. */
    private static final List<String> LABEL_ARCHITECTURES = Arrays.stream(StudentArchitecture.values())
            .filter(StudentArchitecture::labelStudent).map(StudentArchitecture::configName).toList();
    private static final List<String> PRECISIONS = Arrays.stream(Precision.values()).map(Precision::configName)
            .toList();
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public StudentMetadata {
        if (!"distilled".equals(kind) && !"baseline".equals(kind)) {
            throw new IllegalArgumentException("kind must be 'distilled' or 'baseline', got '" + kind + "'");
        }
        labels = List.copyOf(labels);
        hyperparameters = hyperparameters == null ? Map.of() : new LinkedHashMap<>(hyperparameters);
        training = training == null ? Map.of() : new LinkedHashMap<>(training);
        architecture = architecture == null ? StudentArchitecture.FASTTEXT.configName() : architecture;
        if (!LABEL_ARCHITECTURES.contains(architecture)) {
            throw new IllegalArgumentException("architecture must be one of " + LABEL_ARCHITECTURES
                    + ", got '" + architecture + "'");
        }
        vocabulary = vocabulary == null ? List.of() : List.copyOf(vocabulary);
        precision = precision == null ? Precision.FLOAT32.configName() : precision;
        if (!PRECISIONS.contains(precision)) {
            throw new IllegalArgumentException("precision must be one of " + PRECISIONS + ", got '"
                    + precision + "'");
        }
    }

    /** A fastText student's metadata. */
    public static StudentMetadata fastText(String kind, String task, List<String> labels, int buckets, int ngrams,
                                           int charNgrams, int dimension, Map<String, Object> hyperparameters,
                                           Provenance provenance, Map<String, Object> training) {
        return new StudentMetadata(kind, task, labels, buckets, ngrams, charNgrams, dimension, hyperparameters,
                provenance, training, StudentArchitecture.FASTTEXT.configName(), 0, 0, 0, List.of(), null);
    }

    /** A cnn student's metadata. */
    public static StudentMetadata cnn(String kind, String task, List<String> labels, int dimension, int filters,
                                      int kernel, int maxTokens, WordVocabulary vocabulary,
                                      Map<String, Object> hyperparameters, Provenance provenance,
                                      Map<String, Object> training) {
        return new StudentMetadata(kind, task, labels, 0, 0, 0, dimension, hyperparameters, provenance, training,
                StudentArchitecture.CNN.configName(), filters, kernel, maxTokens, vocabulary.words(), null);
    }

    /** A bilstm student's metadata; its LSTMs have {@code dimension} units each way. */
    public static StudentMetadata bilstm(String kind, String task, List<String> labels, int dimension, int maxTokens,
                                         WordVocabulary vocabulary, Map<String, Object> hyperparameters,
                                         Provenance provenance, Map<String, Object> training) {
        return new StudentMetadata(kind, task, labels, 0, 0, 0, dimension, hyperparameters, provenance, training,
                StudentArchitecture.BILSTM.configName(), 0, 0, maxTokens, vocabulary.words(), null);
    }

    /** The same student, its weights to be stored in {@code precision}. */
    public StudentMetadata withPrecision(Precision precision) {
        return new StudentMetadata(kind, task, labels, buckets, ngrams, charNgrams, dimension, hyperparameters,
                provenance, training, architecture, filters, kernel, maxTokens, vocabulary, precision.configName());
    }

    @JsonIgnore
    public boolean isHalfPrecision() {
        return Precision.FLOAT16.configName().equals(precision);
    }

    @JsonIgnore
    public boolean isCnn() {
        return StudentArchitecture.CNN.configName().equals(architecture);
    }

    @JsonIgnore
    public boolean isBilstm() {
        return StudentArchitecture.BILSTM.configName().equals(architecture);
    }

    /** Whether this student reads word ids (cnn, bilstm) rather than hashed n-grams. */
    @JsonIgnore
    public boolean readsWords() {
        return isCnn() || isBilstm();
    }

    /** One line saying what this student is, for reports. */
    public String describe() {
        String words = (training.containsKey("word_vectors_from") ? ", word vectors from the teacher" : "")
                + (isHalfPrecision() ? ", stored as float16" : "") + logitAdjustment();
        if (isCnn()) {
            return "cnn, " + (WordVocabulary.RESERVED + vocabulary.size()) + " words x " + dimension + " dims, "
                    + filters + " filters of " + kernel + " words" + words;
        }
        if (isBilstm()) {
            return "bilstm, " + (WordVocabulary.RESERVED + vocabulary.size()) + " words x " + dimension + " dims, "
                    + dimension + " LSTM units each way, max over the words" + words;
        }
        return "fastText-like, " + buckets + " hashed n-gram buckets x " + dimension + " dims" + words;
    }

    /** The logit adjustment the train stage folded into the output bias, when it chose a strength above 0. */
    private String logitAdjustment() {
        Object adjustment = training.get("logit_adjustment");
        Object tau = adjustment instanceof Map<?, ?> m ? m.get("tau") : null;
        return tau instanceof Number t && t.doubleValue() > 0
                ? ", logits adjusted towards the small classes (tau " + t + ")" : "";
    }

    /** The featuriser this fastText student was trained with. */
    public HashingFeaturizer featurizer() {
        if (readsWords()) {
            throw new IllegalStateException("a " + architecture + " student reads word ids, not hashed n-grams: use "
                    + "input()");
        }
        return new HashingFeaturizer(buckets, ngrams, charNgrams);
    }

    /** How this student turns input texts into its network's input row. */
    public StudentInput input() {
        return readsWords() ? new WordSequencer(new WordVocabulary(vocabulary), maxTokens) : featurizer();
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
