package io.sparkdistill.student.qa;

import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.config.StudentConfig;
import io.sparkdistill.student.text.FamilySettings;
import io.sparkdistill.student.text.StudentCard;
import io.sparkdistill.student.text.TextExample;
import io.sparkdistill.student.text.TextStudent;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Trains an extractive student the way the Spark stage does, without Spark: counted keys summed, prepared, batches
 * fitted with plain {@link ComputationGraph#fit}, shuffled each epoch.
 */
final class LocalTraining {
    private LocalTraining() {
    }

    static TextStudent train(List<TextExample> examples, FamilySettings settings) {
        ExtractiveFamily family = new ExtractiveFamily();
        Map<String, Long> counts = new HashMap<>();
        for (TextExample example : examples) {
            family.countedKeys(example).forEach(key -> counts.merge(key, 1L, Long::sum));
        }
        ExtractiveInputs prepared = family.prepare(counts, settings);
        ComputationGraph network = family.network(prepared, settings);
        Hyperparameters hyper = settings.hyperparameters();
        List<TextExample> order = new ArrayList<>(examples);
        Random random = new Random(hyper.seed());
        for (int epoch = 0; epoch < hyper.numEpochs(); epoch++) {
            Collections.shuffle(order, random);
            Iterator<MultiDataSet> batches = family.batches(prepared, order.iterator(), hyper.batchSize());
            while (batches.hasNext()) {
                network.fit(batches.next());
            }
        }
        return family.student(prepared, network, new StudentCard("baseline", "qa", family.name(), Map.of(),
                hyper.asMap(), null, Map.of()));
    }

    /** Settings of the given sizes, learning rate, batch and epochs. */
    static FamilySettings settings(int dimension, int filters, double learningRate, int batchSize, int epochs) {
        StudentConfig student = StudentConfig.cnn(dimension, filters, 3, null, null);
        return new FamilySettings(student,
                new Hyperparameters(learningRate, batchSize, epochs, null, null, 42L, null, null));
    }
}
