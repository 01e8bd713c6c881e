package io.sparkdistill.student.program;

import io.sparkdistill.student.text.FamilySettings;
import io.sparkdistill.student.text.StudentCard;
import io.sparkdistill.student.text.TextExample;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Trains the program family the way the Spark stage does, without Spark: counts, prepare, batches, plain fit. */
final class ProgramTraining {
    private ProgramTraining() {
    }

    static ProgramStudent train(List<TextExample> examples, FamilySettings settings) {
        ProgramFamily family = new ProgramFamily();
        Map<String, Long> counts = new HashMap<>();
        for (TextExample example : examples) {
            family.countedKeys(example).forEach(key -> counts.merge(key, 1L, Long::sum));
        }
        ProgramSpace space = family.prepare(counts, settings);
        ComputationGraph network = family.network(space, settings);
        List<TextExample> shuffled = new ArrayList<>(examples);
        Random random = new Random(settings.hyperparameters().seed());
        for (int epoch = 0; epoch < settings.hyperparameters().numEpochs(); epoch++) {
            Collections.shuffle(shuffled, random);
            Iterator<org.nd4j.linalg.dataset.api.MultiDataSet> batches = family.batches(space, shuffled.iterator(),
                    settings.hyperparameters().batchSize());
            batches.forEachRemaining(network::fit);
        }
        StudentCard card = new StudentCard("distilled", "math", family.name(), Map.of(),
                settings.hyperparameters().asMap(), null, Map.of());
        return (ProgramStudent) family.student(space, network, card);
    }

    static Map<String, String> question(String text) {
        return Map.of(ProgramFamily.QUESTION, text);
    }
}
