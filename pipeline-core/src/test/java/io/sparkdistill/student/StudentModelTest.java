package io.sparkdistill.student;

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
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class StudentModelTest {

    private static final StudentConfig SMALL = StudentConfig.fastText(512, 16, 2, 4);
    private static final List<String> NLI_LABELS = List.of("entailment", "neutral", "contradiction");
    private static final List<List<String>> NLI_INPUTS = List.of(
            List.of("A man plays the guitar on stage.", "A man is playing music."),
            List.of("Two dogs run in the park.", "The dogs are not running."),
            List.of("A woman reads.", "She is reading a novel by her favourite author."),
            List.of("?!", ""));

    private static StudentMetadata metadata(String task, List<String> labels, StudentConfig config) {
        return StudentMetadata.fastText("distilled", task, labels, config.buckets(), config.ngrams(),
                config.charNgrams(), config.dimension(),
                Map.of("alpha", 0.3, "temperature", 2.0),
                null, Map.of("epochs_run", 1));
    }

    private static float[] dl4jProbabilities(MultiLayerNetwork network, HashingFeaturizer featurizer,
                                             List<String> segments) {
        BatchFeatures bag = featurizer.batch(List.of(segments));
        return Softmax.of(network.output(bag.features(), false, bag.mask(), null).toFloatVector(), 1.0);
    }

    private static Path freshFolder(String name) throws Exception {
        Path root = Path.of("target", "student-tests");
        Files.createDirectories(root);
        return Files.createTempDirectory(root, name);
    }

    @Test
    void pureJavaPredictionsEqualTheDl4jNetworksSoftmaxOutput() {
        MultiLayerNetwork network = StudentNetwork.create(SMALL, Hyperparameters.defaults(), 3);
        // make the bias non-zero so that its layout is exercised too
        network.getLayer(StudentNetwork.OUTPUT_LAYER).getParam("b").assign(
                Nd4j.createFromArray(new float[][] {{0.3f, -0.2f, 0.1f}}));
        StudentModel model = StudentModel.fromNetwork(network, metadata("nli", NLI_LABELS, SMALL));
        HashingFeaturizer featurizer = model.metadata().featurizer();
        for (List<String> input : NLI_INPUTS) {
            assertArrayEquals(dl4jProbabilities(network, featurizer, input), model.predict(input).probabilities(),
                    1e-5f, "for " + input);
        }
    }

    @Test
    void aPredictionNamesTheMostProbableLabelAndEveryLabelsProbability() {
        StudentModel model = StudentModel.fromNetwork(StudentNetwork.create(SMALL, Hyperparameters.defaults(), 3),
                metadata("nli", NLI_LABELS, SMALL));
        StudentModel.Prediction prediction = model.predict("A man plays the guitar.", "A man plays.");
        float[] p = prediction.probabilities();
        assertEquals(NLI_LABELS.get(Softmax.argmax(p)), prediction.label());
        assertEquals(List.copyOf(prediction.byLabel().keySet()), NLI_LABELS);
        assertEquals(p[2], prediction.byLabel().get("contradiction"));
        assertEquals(1.0, p[0] + p[1] + p[2], 1e-5);
        assertEquals(512L * 16 + 16 * 3 + 3, model.parameterCount());
    }

    @Test
    void savingThenLoadingGivesIdenticalPredictionsAndMetadata() throws Exception {
        StudentModel model = StudentModel.fromNetwork(StudentNetwork.create(SMALL, Hyperparameters.defaults(), 3),
                metadata("nli", NLI_LABELS, SMALL));
        Path folder = freshFolder("saved");
        model.save(folder);
        assertTrue(Files.isRegularFile(folder.resolve("student.zip")));
        assertTrue(Files.isRegularFile(folder.resolve("student.json")));

        StudentModel loaded = StudentModel.load(folder);
        assertEquals(model.metadata(), loaded.metadata());
        for (List<String> input : NLI_INPUTS) {
            assertArrayEquals(model.predict(input).probabilities(), loaded.predict(input).probabilities());
        }
    }

    @Test
    void aStudentFittedLocallyLearnsAnEasyTwoClassToySet() {
        List<String> labels = List.of("negative", "positive");
        String[] positive = {"great", "good", "love", "wonderful", "excellent"};
        String[] negative = {"bad", "awful", "hate", "terrible", "boring"};
        String[] fillers = {"the film was", "i think it is", "this book is", "what a", "honestly"};
        List<TrainingExample> examples = new ArrayList<>();
        for (String filler : fillers) {
            for (int i = 0; i < positive.length; i++) {
                examples.add(new TrainingExample(List.of(filler + " " + positive[i]), 1, new float[] {0.1f, 0.9f}));
                examples.add(new TrainingExample(List.of(filler + " " + negative[i]), 0, new float[] {0.85f, 0.15f}));
            }
        }
        StudentConfig config = StudentConfig.fastText(256, 8, 2, 0);
        Hyperparameters hyper = new Hyperparameters(0.05, null, null, 2.0, 0.5, 1L, null, null);
        MultiLayerNetwork network = StudentNetwork.create(config, hyper, 2);
        HashingFeaturizer featurizer = new HashingFeaturizer(config.buckets(), config.ngrams());
        DataSet data = TrainingBatches.toDataSet(examples, featurizer, 2);
        double before = network.score(data);
        for (int epoch = 0; epoch < 100; epoch++) {
            network.fit(data);
        }
        assertTrue(network.score(data) < before / 2, "score " + before + " -> " + network.score(data));

        StudentModel model = StudentModel.fromNetwork(network, metadata("classification", labels, config));
        assertEquals("positive", model.predict("a wonderful and excellent story").label());
        assertEquals("negative", model.predict("so boring, i hate it").label());
        assertEquals("positive", model.predict("love it").label());
        assertEquals("negative", model.predict("terrible").label());
    }

    @Test
    void printsThePerExampleLatencyOfPureJavaPredictionAgainstDl4jOutput() {
        StudentConfig config = StudentConfig.defaults();
        MultiLayerNetwork network = StudentNetwork.create(config, Hyperparameters.defaults(), 3);
        StudentModel model = StudentModel.fromNetwork(network, metadata("nli", NLI_LABELS, config));
        List<String> input = NLI_INPUTS.get(0);
        BatchFeatures bag = model.metadata().featurizer().batch(List.of(input));

        // the pure-Java path needs many more calls than DL4J's before the JIT has compiled it fully
        float sink = 0;
        for (int i = 0; i < 50_000; i++) {
            sink += model.predict(input).probabilities()[0];
        }
        for (int i = 0; i < 1_000; i++) {
            sink += network.output(bag.features(), false, bag.mask(), null).getFloat(0);
        }
        int pureJavaRuns = 20_000;
        long start = System.nanoTime();
        for (int i = 0; i < pureJavaRuns; i++) {
            sink += model.predict(input).probabilities()[0];
        }
        double pureJavaMicros = (System.nanoTime() - start) / 1e3 / pureJavaRuns;
        int dl4jRuns = 2_000;
        start = System.nanoTime();
        for (int i = 0; i < dl4jRuns; i++) {
            sink += network.output(bag.features(), false, bag.mask(), null).getFloat(0);
        }
        double dl4jMicros = (System.nanoTime() - start) / 1e3 / dl4jRuns;
        System.out.printf("student latency per example (buckets %d, dimension %d, 3 labels): "
                        + "StudentModel.predict %.1f us (featurising included), "
                        + "network.output %.1f us (pre-featurised bag) [%s]%n",
                config.buckets(), config.dimension(), pureJavaMicros, dl4jMicros, sink != 0);
    }

    @Test
    void aStudentSavedBeforeTheEmbeddingBagStillLoadsAndPredictsAsTheSameParametersDoNow() throws Exception {
        MultiLayerNetwork bag = StudentNetwork.create(SMALL, Hyperparameters.defaults(), 3);
        bag.getLayer(StudentNetwork.OUTPUT_LAYER).getParam("b").assign(
                Nd4j.createFromArray(new float[][] {{0.3f, -0.2f, 0.1f}}));
        MultiLayerNetwork dense = DenseBucketStudent.create(SMALL, Hyperparameters.defaults(), 3, null);
        EmbeddingSequenceStudent.copyParameters(bag, dense);
        Path folder = freshFolder("dense-era");
        ModelSerializer.writeModel(dense, folder.resolve("student.zip").toFile(), false);
        metadata("nli", NLI_LABELS, SMALL).write(folder.resolve(StudentMetadata.FILE_NAME));

        StudentModel old = StudentModel.load(folder);
        StudentModel now = StudentModel.fromNetwork(bag, metadata("nli", NLI_LABELS, SMALL));
        assertEquals(now.parameterCount(), old.parameterCount());
        for (List<String> input : NLI_INPUTS) {
            assertArrayEquals(now.predict(input).probabilities(), old.predict(input).probabilities(), 1e-6f,
                    "for " + input);
        }
    }

    @Test
    void aStudentSavedWithDl4jsEmbeddingSequenceAndPoolingStillLoadsAndPredictsAsItsNetworkDid() throws Exception {
        MultiLayerNetwork sequence = EmbeddingSequenceStudent.create(SMALL, Hyperparameters.defaults(), 3);
        sequence.getLayer(2).getParam("b").assign(Nd4j.createFromArray(new float[][] {{0.3f, -0.2f, 0.1f}}));
        Path folder = freshFolder("sequence-era");
        ModelSerializer.writeModel(sequence, folder.resolve("student.zip").toFile(), false);
        metadata("nli", NLI_LABELS, SMALL).write(folder.resolve(StudentMetadata.FILE_NAME));

        StudentModel old = StudentModel.load(folder);
        MultiLayerNetwork bag = StudentNetwork.create(SMALL, Hyperparameters.defaults(), 3);
        EmbeddingSequenceStudent.copyParameters(sequence, bag);
        StudentModel now = StudentModel.fromNetwork(bag, metadata("nli", NLI_LABELS, SMALL));
        assertEquals(now.parameterCount(), old.parameterCount());
        HashingFeaturizer featurizer = old.metadata().featurizer();
        for (List<String> input : NLI_INPUTS) {
            BatchFeatures features = featurizer.batch(List.of(input));
            INDArray rootWeights = org.nd4j.linalg.ops.transforms.Transforms.sqrt(features.mask(), true);
            float[] asSaved = Softmax.of(sequence.output(features.features(), false, rootWeights, null)
                    .toFloatVector(), 1.0);
            assertArrayEquals(asSaved, old.predict(input).probabilities(), 1e-5f, "for " + input);
            assertArrayEquals(old.predict(input).probabilities(), now.predict(input).probabilities(), 1e-6f,
                    "for " + input);
        }
    }

    @Test
    void theEmbeddingBagComputesAndLearnsWhatTheDenseBucketVectorDid() {
        Hyperparameters hyper = new Hyperparameters(0.05, null, null, 2.0, 0.5, 1L, null, null);
        MultiLayerNetwork bag = StudentNetwork.create(SMALL, hyper, 3);
        MultiLayerNetwork dense = DenseBucketStudent.create(SMALL, hyper, 3, null);
        EmbeddingSequenceStudent.copyParameters(bag, dense);
        assertEquals(dense.numParams(), bag.numParams());
        List<TrainingExample> examples = new ArrayList<>();
        for (int i = 0; i < NLI_INPUTS.size(); i++) {
            examples.add(new TrainingExample(NLI_INPUTS.get(i), i % 3, new float[] {0.2f, 0.5f, 0.3f}));
        }
        HashingFeaturizer featurizer = metadata("nli", NLI_LABELS, SMALL).featurizer();
        DataSet bagBatch = TrainingBatches.toDataSet(examples, featurizer, 3);
        DataSet denseBatch = DenseBucketStudent.batch(bagBatch, featurizer, examples);
        assertArrayEquals(dense.output(denseBatch.getFeatures()).ravel().toFloatVector(),
                bag.output(bagBatch.getFeatures(), false, bagBatch.getFeaturesMaskArray(), null).ravel()
                        .toFloatVector(), 1e-5f);
        for (int step = 0; step < 5; step++) {
            bag.fit(bagBatch);
            dense.fit(denseBatch);
        }
        List<float[]> trained = EmbeddingSequenceStudent.parameters(bag);
        for (int p = 0; p < trained.size(); p++) {
            assertArrayEquals(EmbeddingSequenceStudent.parameters(dense).get(p), trained.get(p), 1e-4f,
                    "parameter " + p);
        }
        assertTrue(!bag.params().equalsWithEps(StudentNetwork.create(SMALL, hyper, 3).params(), 1e-3),
                "the five steps moved the parameters");
    }

    @Test
    void aStudentJsonWrittenBeforeTheCnnExistedStillReadsAsAFastTextStudent() throws Exception {
        Path file = freshFolder("old-json").resolve(StudentMetadata.FILE_NAME);
        Files.writeString(file, """
                {"kind": "distilled", "task": "classification", "labels": ["a", "b"], "buckets": 512, "ngrams": 2,
                 "charNgrams": 4, "dimension": 16, "hyperparameters": {"alpha": 0.3},
                 "provenance": {"run_id": "old", "java": "17.0.9", "teacher_name": "t"}}
                """);
        StudentMetadata old = StudentMetadata.read(file);
        assertEquals("old", old.provenance().runId());
        assertEquals("fasttext", old.architecture());
        assertEquals(List.of(), old.vocabulary());
        assertEquals(512, old.featurizer().buckets());
        assertTrue(old.describe().startsWith("fastText-like, 512 hashed n-gram buckets x 16 dims"), old.describe());
    }
}
