package io.sparkdistill.student;

import io.sparkdistill.config.Precision;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.config.StudentConfig;
import io.sparkdistill.math.Softmax;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class ConvolutionStudentTest {

    private static final StudentConfig SMALL = StudentConfig.cnn(8, 6, 3, 10, 100);
    private static final List<String> LABELS = List.of("art", "love", "sports");
    private static final WordVocabulary VOCABULARY = new WordVocabulary(List.of("the", "a", "game", "love", "paint",
            "is", "of", "heart", "ball", "won"));

    private static StudentMetadata metadata(StudentConfig config, WordVocabulary vocabulary) {
        return StudentMetadata.cnn("distilled", "classification", LABELS, config.dimension(), config.filters(),
                config.kernel(), config.maxTokens(), vocabulary, Map.of("alpha", 0.3), null,
                Map.of("epochs_run", 1));
    }

    private static MultiLayerNetwork network(StudentConfig config, WordVocabulary vocabulary) {
        MultiLayerNetwork network = StudentNetwork.create(config, Hyperparameters.defaults(), LABELS.size(),
                vocabulary.size());
        // non-zero biases, so that their layout is exercised too
        network.getLayer(StudentNetwork.CNN_CONVOLUTION_LAYER).getParam("b").assign(
                Nd4j.rand(1, config.filters()).subi(0.5));
        network.getLayer(StudentNetwork.CNN_OUTPUT_LAYER).getParam("b").assign(
                Nd4j.createFromArray(new float[][] {{0.3f, -0.2f, 0.1f}}));
        return network;
    }

    private static float[] dl4jProbabilities(MultiLayerNetwork network, StudentInput input, List<String> segments) {
        INDArray row = input.batch(List.of(segments)).features();
        return Softmax.of(network.output(row).toFloatVector(), 1.0);
    }

    @Test
    void pureJavaPredictionsEqualTheDl4jNetworksOutputForShortLongEmptyAndTwoSegmentInputs() {
        for (int kernel : new int[] {1, 3, 5}) {
            StudentConfig config = StudentConfig.cnn(8, 6, kernel, 10, 100);
            MultiLayerNetwork network = network(config, VOCABULARY);
            StudentModel model = StudentModel.fromNetwork(network, metadata(config, VOCABULARY));
            StudentInput input = model.metadata().input();
            List<List<String>> inputs = List.of(
                    List.of("Love is the game"),
                    List.of("the heart of a ball game is won by paint, love and the unknown words beyond ten"),
                    List.of(""),
                    List.of("?!"),
                    List.of("love"),
                    List.of("The game of love", "is won"));
            for (List<String> segments : inputs) {
                assertArrayEquals(dl4jProbabilities(network, input, segments), model.predict(segments).probabilities(),
                        1e-5f, "kernel " + kernel + ", input " + segments);
            }
        }
    }

    @Test
    void unknownWordsShareOneRowAndTextBeyondMaxTokensIsCut() {
        WordSequencer sequencer = new WordSequencer(VOCABULARY, 4);
        assertArrayEquals(new int[] {3, 1, 1, 5}, sequencer.ids(List.of("The zebra, yak; game over")));
        assertArrayEquals(new int[] {6, WordVocabulary.SEPARATOR, 11}, sequencer.ids(List.of("love", "ball")));
        assertArrayEquals(new float[] {6, 0, 0, 0}, sequencer.row(List.of("love")));
    }

    @Test
    void theVocabularyKeepsTheMostFrequentWordsWithTiesInAlphabeticalOrder() {
        WordVocabulary vocabulary = WordVocabulary.mostFrequent(
                Map.of("game", 5L, "art", 7L, "ball", 5L, "zebra", 1L), 3);
        assertEquals(List.of("art", "ball", "game"), vocabulary.words());
        assertEquals(3 + 3, vocabulary.size());
        assertEquals(WordVocabulary.UNKNOWN, vocabulary.id("zebra"));
    }

    @Test
    void savingThenLoadingGivesIdenticalPredictionsMetadataAndParameterCount() throws Exception {
        StudentModel model = StudentModel.fromNetwork(network(SMALL, VOCABULARY), metadata(SMALL, VOCABULARY));
        Path root = Path.of("target", "student-tests");
        Files.createDirectories(root);
        Path folder = Files.createTempDirectory(root, "cnn");
        model.save(folder);

        StudentModel loaded = StudentModel.load(folder);
        assertEquals(model.metadata(), loaded.metadata());
        assertEquals(13L * 8 + 6 * 8 * 3 + 6 + 6 * 3 + 3, loaded.parameterCount());
        for (String text : List.of("love is the game", "the paint of a heart")) {
            assertArrayEquals(model.predict(text).probabilities(), loaded.predict(text).probabilities());
        }
    }

    @Test
    void aStudentSavedInFloat16TakesAboutHalfTheBytesAndPredictsAsTheFloat32OneToHalfPrecision() throws Exception {
        StudentConfig config = StudentConfig.cnn(32, 16, 3, 10, 1000);
        List<String> words = new ArrayList<>();
        for (int i = 0; i < 800; i++) {
            words.add("word" + i);
        }
        WordVocabulary vocabulary = new WordVocabulary(words);
        MultiLayerNetwork network = network(config, vocabulary);
        StudentModel full = StudentModel.fromNetwork(network, metadata(config, vocabulary));
        StudentModel half = StudentModel.fromNetwork(network, metadata(config, vocabulary)
                .withPrecision(Precision.FLOAT16));
        Path root = Path.of("target", "student-tests");
        Files.createDirectories(root);
        Path fullFolder = Files.createTempDirectory(root, "cnn32");
        Path halfFolder = Files.createTempDirectory(root, "cnn16");
        full.save(fullFolder);
        half.save(halfFolder);

        long fullBytes = Files.size(fullFolder.resolve(StudentModel.WEIGHTS_FILE));
        long halfBytes = Files.size(halfFolder.resolve(StudentModel.WEIGHTS_FILE));
        assertTrue(halfBytes < 0.6 * fullBytes, "float16 " + halfBytes + " bytes vs float32 " + fullBytes);
        StudentModel loaded = StudentModel.load(halfFolder);
        assertEquals("float16", loaded.metadata().precision());
        assertTrue(loaded.metadata().describe().contains("float16"), loaded.metadata().describe());
        assertEquals(full.parameterCount(), loaded.parameterCount());
        StudentModel reference = StudentModel.load(fullFolder);
        boolean anyDifference = false;
        for (String text : List.of("word1 word2 word3", "word799 word5 word400 word12", "word42")) {
            float[] expected = reference.predict(text).probabilities();
            float[] actual = loaded.predict(text).probabilities();
            for (int c = 0; c < expected.length; c++) {
                // float16 keeps 11 significant bits: a relative error of at most 2^-11 per weight
                assertEquals(expected[c], actual[c], 5e-3, text + ", label " + c);
                anyDifference |= expected[c] != actual[c];
            }
        }
        assertTrue(anyDifference, "the float16 file should round the weights, so some probability should move");
    }

    @Test
    void aCnnFittedLocallyLearnsATopicSetWhereWordOrderDecides() {
        // "won the game" is sport, "game of love" is love: the same words, told apart by their neighbours
        List<String> labels = List.of("love", "sports");
        String[] loveTexts = {"the game of love", "love is a game of the heart", "her heart won the game of love"};
        String[] sportTexts = {"they won the game", "the team won the ball game", "a game won by the team"};
        List<TrainingExample> examples = new ArrayList<>();
        for (int copy = 0; copy < 4; copy++) {
            for (String text : loveTexts) {
                examples.add(new TrainingExample(List.of(text), 0, new float[] {0.9f, 0.1f}));
            }
            for (String text : sportTexts) {
                examples.add(new TrainingExample(List.of(text), 1, new float[] {0.1f, 0.9f}));
            }
        }
        Map<String, Long> counts = new java.util.HashMap<>();
        examples.forEach(e -> WordVocabulary.tokens(e.segments().get(0)).forEach(w -> counts.merge(w, 1L, Long::sum)));
        WordVocabulary vocabulary = WordVocabulary.mostFrequent(counts, 100);
        StudentConfig config = StudentConfig.cnn(16, 16, 3, 12, 100);
        Hyperparameters hyper = new Hyperparameters(0.02, null, null, 2.0, 0.5, 1L, null, null);
        MultiLayerNetwork network = StudentNetwork.create(config, hyper, 2, vocabulary.size());
        StudentMetadata metadata = StudentMetadata.cnn("distilled", "classification", labels, 16, 16, 3, 12,
                vocabulary, Map.of(), null, Map.of());
        DataSet data = TrainingBatches.toDataSet(examples, metadata.input(), 2);
        double before = network.score(data);
        for (int epoch = 0; epoch < 150; epoch++) {
            network.fit(data);
        }
        assertTrue(network.score(data) < before / 2, "score " + before + " -> " + network.score(data));

        StudentModel model = StudentModel.fromNetwork(network, metadata);
        assertEquals("love", model.predict("the game of love").label());
        assertEquals("sports", model.predict("the team won the game").label());
    }

    @Test
    void printsThePerExampleLatencyOfTheDefaultCnnOnAFortuneSizedText() {
        StudentConfig config = StudentConfig.cnn(null, null, null, null, null);
        List<String> words = new ArrayList<>();
        for (int i = 0; i < config.vocabulary(); i++) {
            words.add("w" + i);
        }
        WordVocabulary vocabulary = new WordVocabulary(words);
        MultiLayerNetwork network = StudentNetwork.create(config, Hyperparameters.defaults(), 6, vocabulary.size());
        StudentModel model = StudentModel.fromNetwork(network, StudentMetadata.cnn("distilled", "classification",
                List.of("a", "b", "c", "d", "e", "f"), config.dimension(), config.filters(), config.kernel(),
                config.maxTokens(), vocabulary, Map.of(), null, Map.of()));
        String text = "w1 w20 w300 w4000 w17 unknown w9 w99 w999 w5 w6 w7 w8 w10 w11 w12 w13 w14 w15 w16 w18 w19 "
                + "w21 w22 w23 w24 w25 w26 w27 w28";
        float sink = 0;
        for (int i = 0; i < 50_000; i++) {
            sink += model.predict(text).probabilities()[0];
        }
        int runs = 20_000;
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            sink += model.predict(text).probabilities()[0];
        }
        System.out.printf("cnn student latency per example (30 words, %d parameters): %.1f us [%s]%n",
                model.parameterCount(), (System.nanoTime() - start) / 1e3 / runs, sink != 0);
    }
}
