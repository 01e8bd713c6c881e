package io.sparkdistill.student;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.config.Precision;
import io.sparkdistill.config.StudentArchitecture;
import io.sparkdistill.config.StudentConfig;
import io.sparkdistill.math.Softmax;
import io.sparkdistill.teacher.TokenEmbeddingTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class BidirectionalLstmStudentTest {

    private static final List<String> LABELS = List.of("art", "love", "sports");
    private static final WordVocabulary VOCABULARY = new WordVocabulary(List.of("the", "a", "game", "love", "paint",
            "is", "of", "heart", "ball", "won"));

    private static StudentConfig bilstm(int dimension, int maxTokens, Precision precision) {
        return new StudentConfig(null, dimension, null, null, StudentArchitecture.BILSTM, null, null, maxTokens,
                null, null, precision, null);
    }

    private static StudentMetadata metadata(StudentConfig config, WordVocabulary vocabulary, List<String> labels) {
        return new StudentBlueprint(config, vocabulary).metadata("distilled", "classification", labels,
                Map.of("alpha", 0.3), null, Map.of("epochs_run", 1));
    }

    private static MultiLayerNetwork network(StudentConfig config, WordVocabulary vocabulary, int numLabels) {
        return new StudentBlueprint(config, vocabulary).network(Hyperparameters.defaults(), numLabels, 1, null);
    }

    private static float[] dl4jProbabilities(MultiLayerNetwork network, StudentInput input, List<String> segments) {
        INDArray row = input.batch(List.of(segments)).features();
        return Softmax.of(network.output(row).toFloatVector(), 1.0);
    }

    @Test
    void pureJavaPredictionsEqualTheDl4jNetworksOutputForShortLongEmptyAndTwoSegmentInputs() {
        StudentConfig config = bilstm(8, 10, null);
        MultiLayerNetwork network = network(config, VOCABULARY, LABELS.size());
        // every parameter moved off its initial value, so that each one's layout is exercised
        network.params().addi(Nd4j.rand(network.params().shape()).subi(0.5).muli(0.5));
        StudentModel model = StudentModel.fromNetwork(network, metadata(config, VOCABULARY, LABELS));
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
                    1e-5f, "input " + segments);
        }
    }

    @Test
    void savingThenLoadingGivesIdenticalPredictionsMetadataAndParameterCount() throws Exception {
        StudentConfig config = bilstm(8, 10, null);
        StudentModel model = StudentModel.fromNetwork(network(config, VOCABULARY, LABELS.size()),
                metadata(config, VOCABULARY, LABELS));
        Path folder = Files.createTempDirectory(folderRoot(), "bilstm");
        model.save(folder);

        StudentModel loaded = StudentModel.load(folder);
        assertEquals(model.metadata(), loaded.metadata());
        assertEquals("bilstm", loaded.metadata().architecture());
        // embedding 13 x 8; per direction W 8 x 32, RW 8 x 32, b 32; output 16 x 3 + 3
        assertEquals(13L * 8 + 2 * (8 * 32 + 8 * 32 + 32) + 16 * 3 + 3, loaded.parameterCount());
        assertEquals(loaded.parameterCount(), StudentModel.fromNetwork(network(config, VOCABULARY, LABELS.size()),
                metadata(config, VOCABULARY, LABELS)).parameterCount());
        for (String text : List.of("love is the game", "the paint of a heart", "")) {
            assertArrayEquals(model.predict(text).probabilities(), loaded.predict(text).probabilities());
        }
    }

    @Test
    void aStudentSavedInFloat16TakesAboutHalfTheBytesAndPredictsAsTheFloat32OneToHalfPrecision() throws Exception {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < 800; i++) {
            words.add("word" + i);
        }
        WordVocabulary vocabulary = new WordVocabulary(words);
        StudentConfig full = bilstm(32, 10, Precision.FLOAT32);
        StudentConfig half = bilstm(32, 10, Precision.FLOAT16);
        MultiLayerNetwork network = network(full, vocabulary, LABELS.size());
        Path fullFolder = Files.createTempDirectory(folderRoot(), "bilstm32");
        Path halfFolder = Files.createTempDirectory(folderRoot(), "bilstm16");
        StudentModel.fromNetwork(network, metadata(full, vocabulary, LABELS)).save(fullFolder);
        StudentModel.fromNetwork(network, metadata(half, vocabulary, LABELS)).save(halfFolder);

        long fullBytes = Files.size(fullFolder.resolve(StudentModel.WEIGHTS_FILE));
        long halfBytes = Files.size(halfFolder.resolve(StudentModel.WEIGHTS_FILE));
        assertTrue(halfBytes < 0.6 * fullBytes, "float16 " + halfBytes + " bytes vs float32 " + fullBytes);
        StudentModel loaded = StudentModel.load(halfFolder);
        StudentModel reference = StudentModel.load(fullFolder);
        assertEquals("float16", loaded.metadata().precision());
        assertTrue(loaded.metadata().describe().contains("float16"), loaded.metadata().describe());
        assertEquals(reference.parameterCount(), loaded.parameterCount());
        boolean anyDifference = false;
        for (String text : List.of("word1 word2 word3", "word799 word5 word400 word12", "word42")) {
            float[] expected = reference.predict(text).probabilities();
            float[] actual = loaded.predict(text).probabilities();
            for (int c = 0; c < expected.length; c++) {
                assertEquals(expected[c], actual[c], 5e-3, text + ", label " + c);
                anyDifference |= expected[c] != actual[c];
            }
        }
        assertTrue(anyDifference, "the float16 file should round the weights, so some probability should move");
    }

    @Test
    void aBilstmFittedWithTheDistillationLossLearnsASetWhereWordOrderDecidesWellAboveChance() {
        // "won the game" is sport, "game of love" is love: the same words, told apart by their order
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
        Map<String, Long> counts = new HashMap<>();
        examples.forEach(e -> WordVocabulary.tokens(e.segments().get(0)).forEach(w -> counts.merge(w, 1L, Long::sum)));
        WordVocabulary vocabulary = WordVocabulary.mostFrequent(counts, 100);
        StudentConfig config = bilstm(16, 12, null);
        Hyperparameters hyper = new Hyperparameters(0.02, null, null, 2.0, 0.5, 1L, null, null);
        StudentBlueprint blueprint = new StudentBlueprint(config, vocabulary);
        // class weights in the loss, as class_weighting balanced gives them
        MultiLayerNetwork network = blueprint.network(hyper, 2, 1, null, new double[] {1.2, 0.8});
        DataSet data = TrainingBatches.toDataSet(examples, blueprint.input(), 2);
        double before = network.score(data);
        for (int epoch = 0; epoch < 100; epoch++) {
            network.fit(data);
        }
        assertTrue(network.score(data) < before / 2, "score " + before + " -> " + network.score(data));

        StudentModel model = StudentModel.fromNetwork(network, metadata(config, vocabulary, labels));
        int correct = 0;
        for (String text : loveTexts) {
            correct += model.predict(text).label().equals("love") ? 1 : 0;
        }
        for (String text : sportTexts) {
            correct += model.predict(text).label().equals("sports") ? 1 : 0;
        }
        assertEquals(6, correct, "all six training texts, where chance gets three");
        assertEquals("love", model.predict("the game of love").label());
        assertEquals("sports", model.predict("the team won the game").label());
    }

    @Test
    void aBilstmLearnsAnNliSetFromBothSegmentsAndStartsFromTheTeachersWordVectorsWhenAsked() {
        // the label depends on whether the hypothesis repeats the premise's subject: only both segments tell
        List<String> labels = List.of("entailment", "contradiction");
        String[] subjects = {"cats", "dogs", "birds", "fish"};
        List<TrainingExample> examples = new ArrayList<>();
        for (int copy = 0; copy < 3; copy++) {
            for (String premise : subjects) {
                for (String hypothesis : subjects) {
                    int label = premise.equals(hypothesis) ? 0 : 1;
                    examples.add(new TrainingExample(List.of(premise + " sleep", hypothesis + " sleep"), label,
                            label == 0 ? new float[] {0.8f, 0.2f} : new float[] {0.2f, 0.8f}));
                }
            }
        }
        WordVocabulary vocabulary = new WordVocabulary(List.of("cats", "dogs", "birds", "fish", "sleep"));
        StudentConfig config = bilstm(16, 8, null).withInitFromTeacher(true);
        StudentBlueprint blueprint = new StudentBlueprint(config, vocabulary);
        Hyperparameters hyper = new Hyperparameters(0.02, null, null, 2.0, 0.5, 3L, null, null);
        MultiLayerNetwork network = blueprint.network(hyper, 2, 2,
                new TeacherWordVectors(TokenEmbeddingTable.shared()));
        MultiLayerNetwork random = StudentNetwork.create(config, hyper, 2, vocabulary.size());
        assertTrue(!network.getLayer(StudentNetwork.EMBEDDING_LAYER).getParam("W")
                .equalsWithEps(random.getLayer(StudentNetwork.EMBEDDING_LAYER).getParam("W"), 1e-3),
                "the word rows should come from the teacher's vectors, not the seed");
        DataSet data = TrainingBatches.toDataSet(examples, blueprint.input(), 2);
        for (int epoch = 0; epoch < 150; epoch++) {
            network.fit(data);
        }
        StudentModel model = StudentModel.fromNetwork(network, metadata(config, vocabulary, labels));
        int correct = 0;
        for (String premise : subjects) {
            for (String hypothesis : subjects) {
                String expected = premise.equals(hypothesis) ? "entailment" : "contradiction";
                correct += model.predict(premise + " sleep", hypothesis + " sleep").label().equals(expected) ? 1 : 0;
            }
        }
        // always answering contradiction gets 12 of 16
        assertTrue(correct >= 15, correct + " of 16 pairs");
    }

    @Test
    void printsTheParameterCountAndPerExampleLatencyOfTheDefaultBilstmOnAFortuneSizedText() {
        StudentConfig config = new StudentConfig(null, null, null, null, StudentArchitecture.BILSTM, null, null, null,
                6000, null, null, null);
        List<String> words = new ArrayList<>();
        for (int i = 0; i < config.vocabulary(); i++) {
            words.add("w" + i);
        }
        WordVocabulary vocabulary = new WordVocabulary(words);
        List<String> labels = List.of("a", "b", "c", "d", "e", "f");
        StudentModel model = StudentModel.fromNetwork(new StudentBlueprint(config, vocabulary)
                .network(Hyperparameters.defaults(), labels.size(), 1, null), metadata(config, vocabulary, labels));
        String text = "w1 w20 w300 w4000 w17 unknown w9 w99 w999 w5 w6 w7 w8 w10 w11 w12 w13 w14 w15 w16 w18 w19 "
                + "w21 w22 w23 w24 w25 w26 w27 w28";
        float sink = 0;
        for (int i = 0; i < 2_000; i++) {
            sink += model.predict(text).probabilities()[0];
        }
        int runs = 2_000;
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            sink += model.predict(text).probabilities()[0];
        }
        System.out.printf("bilstm student latency per example (30 words, %d parameters): %.1f us [%s]%n",
                model.parameterCount(), (System.nanoTime() - start) / 1e3 / runs, sink != 0);
    }

    private static Path folderRoot() throws java.io.IOException {
        Path root = Path.of("target", "student-tests");
        Files.createDirectories(root);
        return root;
    }
}
