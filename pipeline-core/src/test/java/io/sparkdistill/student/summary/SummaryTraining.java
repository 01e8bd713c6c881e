package io.sparkdistill.student.summary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.evaluate.text.RougeScorer;
import io.sparkdistill.config.StudentConfig;
import io.sparkdistill.student.text.Answerer;
import io.sparkdistill.student.text.FamilySettings;
import io.sparkdistill.student.text.StudentCard;
import io.sparkdistill.student.text.TextExample;
import io.sparkdistill.student.text.TextStudent;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What the tests need to train the extractive family as the Spark stage would, without Spark: the sample data's
 * summarisation rows as examples, the counts summed, {@code prepare}, and plain {@code ComputationGraph.fit} over
 * the family's minibatches, shuffled each epoch.
 */
final class SummaryTraining {
    static final Path SAMPLES = Path.of("..", "data-samples", "summarisation");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ExtractiveStudent small;

    private SummaryTraining() {
    }

    /** The rows of one split, the gold summary as target and reference. */
    static List<TextExample> samples(String split) {
        return samples(SAMPLES, split);
    }

    /** The rows of one split of a data set in the sample data's format, the gold summary as target and reference. */
    static List<TextExample> samples(Path folder, String split) {
        try {
            List<TextExample> examples = new ArrayList<>();
            for (String line : Files.readAllLines(folder.resolve(split + ".jsonl"))) {
                if (!line.isBlank()) {
                    JsonNode row = JSON.readTree(line);
                    String summary = row.get("summary").asText();
                    examples.add(TextExample.of(Map.of(ExtractiveStudent.DOCUMENT, row.get("document").asText()),
                            summary, List.of(summary)));
                }
            }
            return examples;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The student section's defaults, and training at the stage's default learning rate and batch size. */
    static FamilySettings settings(int epochs) {
        return settings(epochs, 7L);
    }

    /** As {@link #settings(int)}, under another seed (network initialisation, dropout, shuffling). */
    static FamilySettings settings(int epochs, long seed) {
        return new FamilySettings(StudentConfig.defaults(), new Hyperparameters(null, null, epochs, null, null, seed,
                null, null));
    }

    /**
     * A student trained on the first 100 training rows for 8 epochs, trained once per test JVM: the tests that need
     * a trained student share it.
     */
    static synchronized ExtractiveStudent small() {
        if (small == null) {
            small = train(samples("train").subList(0, 100), settings(8));
        }
        return small;
    }

    static ExtractiveStudent train(List<TextExample> examples, FamilySettings settings) {
        ExtractiveFamily family = new ExtractiveFamily();
        Map<String, Long> counts = new HashMap<>();
        for (TextExample example : examples) {
            family.countedKeys(example).forEach(key -> counts.merge(key, 1L, Long::sum));
        }
        ExtractivePreparation prepared = family.prepare(counts, settings);
        ComputationGraph network = family.network(prepared, settings);
        List<TextExample> shuffled = new ArrayList<>(examples);
        Random random = new Random(settings.hyperparameters().seed());
        for (int epoch = 0; epoch < settings.hyperparameters().numEpochs(); epoch++) {
            Collections.shuffle(shuffled, random);
            Iterator<MultiDataSet> batches = family.batches(prepared, shuffled.iterator(),
                    settings.hyperparameters().batchSize());
            while (batches.hasNext()) {
                network.fit(batches.next());
            }
        }
        StudentCard card = new StudentCard("baseline", "summarisation", ExtractiveFamily.NAME, Map.of(),
                settings.hyperparameters().asMap(), null, Map.of());
        return (ExtractiveStudent) family.student(prepared, network, card);
    }

    /**
     * The trained student, or the family's rule that scores a higher ROUGE-L on {@code validation}, as the train
     * stage chooses between them.
     */
    static ExtractiveStudent bestOnValidation(ExtractiveStudent trained, List<TextExample> validation) {
        ExtractiveStudent best = trained;
        double bestScore = rougeL(trained, validation);
        for (TextStudent rule : new ExtractiveFamily().rules(trained.prepared(), trained.network(), trained.card())
                .values()) {
            double score = rougeL(rule, validation);
            if (score > bestScore) {
                best = (ExtractiveStudent) rule;
                bestScore = score;
            }
        }
        return best;
    }

    private static double rougeL(TextStudent student, List<TextExample> examples) {
        Answerer answerer = student.newAnswerer();
        List<String> summaries = new ArrayList<>();
        examples.forEach(example -> summaries.add(answerer.answer(example.inputs()).text()));
        return RougeScorer.score(summaries, references(examples)).rougeL();
    }

    /** The first {@code count} sentences of each document: the lead baseline. */
    static List<String> lead(List<TextExample> examples, int count) {
        SentenceSplitter splitter = new SentenceSplitter();
        List<String> leads = new ArrayList<>();
        for (TextExample example : examples) {
            List<String> sentences = splitter.split(example.inputs().get(ExtractiveStudent.DOCUMENT));
            leads.add(String.join(" ", sentences.subList(0, Math.min(count, sentences.size()))));
        }
        return leads;
    }

    static List<List<String>> references(List<TextExample> examples) {
        List<List<String>> references = new ArrayList<>();
        for (TextExample example : examples) {
            references.add(example.references());
        }
        return references;
    }
}
