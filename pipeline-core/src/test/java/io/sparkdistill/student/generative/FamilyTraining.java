package io.sparkdistill.student.generative;

import io.sparkdistill.config.StudentArchitecture;
import io.sparkdistill.config.GenerativeStudentConfig;
import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.config.StudentConfig;
import io.sparkdistill.student.text.FamilySettings;
import io.sparkdistill.student.text.StudentCard;
import io.sparkdistill.student.text.TextExample;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Drives the LSTM family as the Spark train stage does, on one machine: counted keys summed, prepared, minibatches,
 * the network fitted with plain {@code ComputationGraph.fit}, then the student.
 */
final class FamilyTraining {

    private FamilyTraining() {
    }

    static FamilySettings settings(GenerativeStudentConfig generative, Hyperparameters hyper, boolean fromTeacher) {
        return new FamilySettings(new StudentConfig(null, null, null, null, StudentArchitecture.LSTM, null, null, null, null,
                fromTeacher, null, generative), hyper);
    }

    static StudentCard card(String kind, String task) {
        return new StudentCard(kind, task, LstmFamily.NAME, Map.of(), Map.of(), null, Map.of());
    }

    static PreparedLstm prepare(LstmFamily family, List<TextExample> examples, FamilySettings settings) {
        Map<String, Long> counts = new HashMap<>();
        examples.forEach(e -> family.countedKeys(e).forEach(key -> counts.merge(key, 1L, Long::sum)));
        return family.prepare(counts, settings);
    }

    static GenerativeStudent train(LstmFamily family, List<TextExample> examples, FamilySettings settings,
                                   int epochs, String task) {
        PreparedLstm prepared = prepare(family, examples, settings);
        List<MultiDataSet> batches = new ArrayList<>();
        family.batches(prepared, examples.iterator(), settings.hyperparameters().batchSize())
                .forEachRemaining(batches::add);
        ComputationGraph network = family.network(prepared, settings);
        for (int epoch = 0; epoch < epochs; epoch++) {
            batches.forEach(network::fit);
        }
        return family.student(prepared, network, card("distilled", task));
    }
}
