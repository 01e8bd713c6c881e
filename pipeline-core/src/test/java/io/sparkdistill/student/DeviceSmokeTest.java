package io.sparkdistill.student;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What ND4J runs on, and a few timed training steps there: deploy/gpu-smoke.sh runs it with the gpu profile and
 * {@code -Dsmoke.expect.backend=CUDA} on a CUDA machine; in the ordinary build it runs on the CPU backend. It writes
 * what it saw to {@code target/device-smoke.txt}.
 */
class DeviceSmokeTest {
    private static final int FEATURES = 256;
    private static final int CLASSES = 10;
    private static final int BATCH = 128;
    private static final int STEPS = 20;

    @Test
    void aSmallNetworkTrainsOnTheBackendTheBuildChoseAndLearns() throws Exception {
        Properties environment = Nd4j.getExecutioner().getEnvironmentInformation();
        String backend = String.valueOf(environment.get("backend"));
        String expected = System.getProperty("smoke.expect.backend", "");
        if (!expected.isEmpty()) {
            assertEquals(expected, backend, "ND4J backend (" + Nd4j.getBackend().getClass().getName() + ")");
        }
        MultiLayerNetwork network = network();
        DataSet batch = separableBatch();
        double before = network.score(batch);
        network.fit(batch);
        long start = System.nanoTime();
        for (int i = 1; i < STEPS; i++) {
            network.fit(batch);
        }
        Nd4j.getExecutioner().commit();
        double millis = (System.nanoTime() - start) / 1e6;
        double after = network.score(batch);

        List<String> report = new ArrayList<>();
        // The jar's name carries the DL4J version: its manifest does not.
        String nd4jJar = Path.of(Nd4j.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .getFileName().toString();
        report.add("nd4j backend: " + backend + " (" + Nd4j.getBackend().getClass().getName() + ", " + nd4jJar + ")");
        report.addAll(devices(environment));
        report.add("blas: " + environment.getOrDefault("blas.vendor", "?") + ", data type "
                + Nd4j.dataType());
        report.add(String.format("training: %d steps of a %d-%d-%d network on batches of %d in %.1f ms"
                        + " (%.2f ms a step, after one warm-up step); loss %.4f -> %.4f",
                STEPS - 1, FEATURES, FEATURES, CLASSES, BATCH, millis, millis / (STEPS - 1), before, after));
        Path out = Path.of("target", "device-smoke.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, report);
        report.forEach(System.out::println);
        assertTrue(after < before, "the loss should fall: " + before + " -> " + after);
    }

    /** CUDA reports each device it sees; the CPU backend, its cores. */
    private static List<String> devices(Properties environment) {
        List<String> lines = new ArrayList<>();
        if (environment.get("cuda.devicesInformation") instanceof List<?> cuda) {
            for (Object device : cuda) {
                Map<?, ?> info = (Map<?, ?>) device;
                lines.add("device: " + info.get("cuda.deviceName") + " (compute " + info.get("cuda.deviceMajor") + "."
                        + info.get("cuda.deviceMinor") + ", " + info.get("cuda.totalMemory") + " bytes)");
            }
        } else {
            lines.add("device: CPU, " + environment.getOrDefault("cores", Runtime.getRuntime().availableProcessors())
                    + " cores, " + environment.getOrDefault("omp.threads", "?") + " OpenMP threads");
        }
        return lines;
    }

    private static MultiLayerNetwork network() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(7)
                .updater(new Adam(1e-3))
                .list()
                .layer(new DenseLayer.Builder().nIn(FEATURES).nOut(FEATURES).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(FEATURES).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        return network;
    }

    /** Each class lights up its own block of features, so a few steps visibly lower the loss. */
    private static DataSet separableBatch() {
        INDArray features = Nd4j.rand(DataType.FLOAT, BATCH, FEATURES).muli(0.1);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, BATCH, CLASSES);
        int block = FEATURES / CLASSES;
        for (int row = 0; row < BATCH; row++) {
            int label = row % CLASSES;
            labels.putScalar(row, label, 1);
            for (int f = label * block; f < (label + 1) * block; f++) {
                features.putScalar(row, f, 1);
            }
        }
        return new DataSet(features, labels);
    }
}
