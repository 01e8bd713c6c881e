package io.sparkdistill.student;

import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.config.StudentConfig;
import io.sparkdistill.provenance.Provenance;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Everything a training run needs to know about the student before fitting it, in one place per architecture: how
 * inputs become network rows, the network itself (with its word vectors from the teacher when asked) and the
 * metadata saved beside it. The train stage builds one from the config and the training split's words.
 */
public final class StudentBlueprint implements Serializable {
    private static final long serialVersionUID = 1L;

    private final StudentConfig config;
    private final WordVocabulary vocabulary;

    /**
     * @param vocabulary the training split's most frequent words; needed by the cnn, the bilstm and by
     *                   {@code init_from_teacher}, null otherwise
     */
    public StudentBlueprint(StudentConfig config, WordVocabulary vocabulary) {
        if (vocabulary == null && needsVocabulary(config)) {
            throw new IllegalArgumentException("a " + config.architecture() + " student"
                    + (config.initFromTeacher() ? " initialised from the teacher" : "") + " needs a vocabulary");
        }
        this.config = config;
        this.vocabulary = vocabulary;
    }

    /** Whether the train stage must count the training split's words first. */
    public static boolean needsVocabulary(StudentConfig config) {
        return config.readsWords() || config.initFromTeacher();
    }

    /** How an example becomes the network's input row. */
    public StudentInput input() {
        if (config.readsWords()) {
            return new WordSequencer(vocabulary, config.maxTokens());
        }
        return new HashingFeaturizer(config.buckets(), config.ngrams(), config.charNgrams());
    }

    /**
     * A fresh network; with {@code init_from_teacher}, its word vectors start from {@code teacherVectors}.
     *
     * @param segments input texts per example (1 for classification, 2 for NLI), which the fastText student's
     *                 word buckets depend on
     */
    public MultiLayerNetwork network(Hyperparameters hyper, int numLabels, int segments,
                                     TeacherWordVectors teacherVectors) {
        return network(hyper, numLabels, segments, teacherVectors, null);
    }

    /** As {@link #network(Hyperparameters, int, int, TeacherWordVectors)}, the loss weighing the classes. */
    public MultiLayerNetwork network(Hyperparameters hyper, int numLabels, int segments,
                                     TeacherWordVectors teacherVectors, double[] classWeights) {
        MultiLayerNetwork network = StudentNetwork.create(config, hyper, numLabels,
                config.readsWords() ? vocabulary.size() : config.buckets(), classWeights);
        if (config.initFromTeacher()) {
            teacherVectors.initialise(network.getLayer(StudentNetwork.EMBEDDING_LAYER).getParam("W"),
                    vocabulary.words(), wordRows(segments));
        }
        return network;
    }

    /**
     * For each known word (in {@link WordVocabulary#words()} order), the embedding rows that stand for it: the cnn's
     * and the bilstm's one row per word; the fastText student's unigram bucket of the word in each segment
     * ({@code "0:word"} and {@code "1:word"} for NLI, as {@link HashingFeaturizer} names them).
     */
    int[][] wordRows(int segments) {
        List<String> words = vocabulary.words();
        int[][] rows = new int[words.size()][];
        HashingFeaturizer featurizer = (HashingFeaturizer) (config.readsWords() ? null : input());
        for (int i = 0; i < rows.length; i++) {
            if (config.readsWords()) {
                rows[i] = new int[] {WordVocabulary.RESERVED + i};
            } else if (segments == 1) {
                rows[i] = new int[] {featurizer.bucket(words.get(i))};
            } else {
                rows[i] = new int[segments];
                for (int s = 0; s < segments; s++) {
                    rows[i][s] = featurizer.bucket(s + ":" + words.get(i));
                }
            }
        }
        return rows;
    }

    public WordVocabulary vocabulary() {
        return vocabulary;
    }

    public StudentConfig config() {
        return config;
    }

    /** What is saved beside the trained network. */
    public StudentMetadata metadata(String kind, String task, List<String> labels, Map<String, Object> hyperparameters,
                                    Provenance provenance, Map<String, Object> training) {
        if (config.isCnn()) {
            return StudentMetadata.cnn(kind, task, labels, config.dimension(), config.filters(), config.kernel(),
                    config.maxTokens(), vocabulary, hyperparameters, provenance, training)
                    .withPrecision(config.precision());
        }
        if (config.isBilstm()) {
            return StudentMetadata.bilstm(kind, task, labels, config.dimension(), config.maxTokens(), vocabulary,
                    hyperparameters, provenance, training).withPrecision(config.precision());
        }
        return StudentMetadata.fastText(kind, task, labels, config.buckets(), config.ngrams(), config.charNgrams(),
                config.dimension(), hyperparameters, provenance, training).withPrecision(config.precision());
    }
}
