package io.sparkdistill.student.qa;

import io.sparkdistill.config.StudentArchitecture;
import io.sparkdistill.student.text.FamilySettings;
import io.sparkdistill.student.text.KeyLimits;
import io.sparkdistill.student.text.StudentCard;
import io.sparkdistill.student.text.TextExample;
import io.sparkdistill.student.text.TextStudent;
import io.sparkdistill.student.text.TextStudentFamily;
import io.sparkdistill.teacher.TokenEmbeddingTable;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The extractive qa student family ({@code student.architecture: extractive}): a reader that points at the answer's
 * first and last token in the context, so that every answer it gives is a piece of the passage. The teacher's
 * answers it learns from are located in the context by {@link AnswerLocator}; an example whose answers are nowhere
 * in it is not trained on, and {@link #unusable} says so.
 *
 * <p>Counted keys: each distinct word of an example's context and question (so the counts are document
 * frequencies), {@value #EXAMPLE_KEY} once per example, and {@value #ANSWER_TOKENS_KEY}{@code n} for each located
 * answer of {@code n} tokens (so the decoder considers spans as long as the teacher's longest answer). The teacher's
 * word vectors of the counted words are the reader's main input, whatever {@code student.init_from_teacher} says:
 * this family reads them as frozen features rather than starting an embedding from them.
 */
public final class ExtractiveFamily implements TextStudentFamily<ExtractiveInputs> {
    private static final long serialVersionUID = 1L;

    public static final String NAME = StudentArchitecture.EXTRACTIVE.configName();
    static final String EXAMPLE_KEY = "#example";
    static final String ANSWER_TOKENS_KEY = "#answer-tokens:";
    /** The longest answer considered when no training answer was located at all. */
    static final int DEFAULT_MAX_ANSWER_TOKENS = 30;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> countedKeys(TextExample example) {
        TextTokens context = ExtractiveInputs.context(example.inputs());
        TextTokens question = ExtractiveInputs.question(example.inputs());
        Set<String> words = new LinkedHashSet<>(context.words());
        words.addAll(question.words());
        List<String> keys = new ArrayList<>(words);
        keys.add(EXAMPLE_KEY);
        for (String answer : example.targets()) {
            AnswerLocator.locate(context, question.words(), answer)
                    .ifPresent(span -> keys.add(ANSWER_TOKENS_KEY + span.length()));
        }
        return keys;
    }

    /** The vocabulary's most frequent words ({@link ReadingVocabulary#learn}'s cut); every {@code #} key. */
    @Override
    public KeyLimits keyLimits(FamilySettings settings) {
        return KeyLimits.of("#", Integer.MAX_VALUE).then("", settings.student().vocabulary());
    }

    @Override
    public ExtractiveInputs prepare(Map<String, Long> counts, FamilySettings settings) {
        Map<String, Long> words = new LinkedHashMap<>();
        int longestAnswer = 0;
        for (Map.Entry<String, Long> entry : counts.entrySet()) {
            String key = entry.getKey();
            if (key.startsWith(ANSWER_TOKENS_KEY)) {
                longestAnswer = Math.max(longestAnswer,
                        Integer.parseInt(key.substring(ANSWER_TOKENS_KEY.length())));
            } else if (!key.startsWith("#")) {
                words.put(key, entry.getValue());
            }
        }
        TokenEmbeddingTable table = TokenEmbeddingTable.shared();
        ExtractiveSizes sizes = ExtractiveSizes.of(settings.student(),
                longestAnswer > 0 ? longestAnswer : DEFAULT_MAX_ANSWER_TOKENS, table.width());
        ReadingVocabulary vocabulary = ReadingVocabulary.learn(words, counts.getOrDefault(EXAMPLE_KEY, 0L),
                settings.student().vocabulary(), sizes.vectorWidth(), table);
        return new ExtractiveInputs(vocabulary, sizes);
    }

    @Override
    public Optional<String> unusable(ExtractiveInputs prepared, TextExample example) {
        TextTokens context = ExtractiveInputs.context(example.inputs());
        List<String> question = ExtractiveInputs.question(example.inputs()).words();
        boolean found = false;
        for (String answer : example.targets()) {
            Optional<AnswerLocator.Span> span = AnswerLocator.locate(context, question, answer);
            if (span.isPresent() && span.get().last() < prepared.sizes().contextTokens()) {
                return Optional.empty();
            }
            found |= span.isPresent();
        }
        return Optional.of(found ? "answer beyond the first " + prepared.sizes().contextTokens()
                + " context tokens" : AnswerLocator.NOT_FOUND);
    }

    @Override
    public Iterator<MultiDataSet> batches(ExtractiveInputs prepared, Iterator<TextExample> examples, int batchSize) {
        return new ExtractiveBatches(prepared, examples, batchSize);
    }

    @Override
    public ComputationGraph network(ExtractiveInputs prepared, FamilySettings settings) {
        return ExtractiveNetwork.create(prepared.sizes(), settings.hyperparameters());
    }

    /** The student, its card's settings completed with the sizes {@link #load} needs. */
    @Override
    public TextStudent student(ExtractiveInputs prepared, ComputationGraph network, StudentCard card) {
        Map<String, Object> settings = new LinkedHashMap<>(card.settings());
        settings.putAll(prepared.sizes().asMap());
        return new ExtractiveStudent(prepared, network, new StudentCard(card.kind(), card.task(), NAME, settings,
                card.hyperparameters(), card.provenance(),
                card.training()));
    }

    @Override
    public TextStudent load(Path folder) throws IOException {
        return ExtractiveStudent.load(folder);
    }
}
