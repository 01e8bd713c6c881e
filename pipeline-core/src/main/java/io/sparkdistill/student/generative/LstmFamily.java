package io.sparkdistill.student.generative;

import io.sparkdistill.config.StudentArchitecture;
import io.sparkdistill.config.GenerativeStudentConfig;
import io.sparkdistill.student.text.FamilySettings;
import io.sparkdistill.student.text.KeyLimits;
import io.sparkdistill.student.text.StudentCard;
import io.sparkdistill.student.text.TextExample;
import io.sparkdistill.student.text.TextStudentFamily;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

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
 * The generative LSTM student as a family ({@code student.architecture: lstm}): a language model over a subword
 * vocabulary learnt from its own training texts, reading the prompt and writing the answer token by token. It can
 * write any answer, not just pick one, so it is the option for tasks whose answers no other family can point at or
 * select; it pays for that in latency (one network step per token written).
 *
 * <p>Sized by {@code student.generative} (vocabulary, widths, length limits, decoding); with
 * {@code student.init_from_teacher} its embedding starts from the teacher's word vectors. When an example has
 * several answers (the teacher's n completions), it learns to write each of them: sequence-level distillation from
 * samples of the teacher's distribution, the generative form of a soft target.
 *
 * <p>The task's part, how inputs become a prompt and which end of a long prompt to keep, is given at construction.
 */
public final class LstmFamily implements TextStudentFamily<PreparedLstm> {
    private static final long serialVersionUID = 1L;
    public static final String NAME = StudentArchitecture.LSTM.configName();
    /** Pre-tokens the subword vocabulary is learnt from, at most, per subword token. */
    static final int PRE_TOKENS_PER_SUBWORD = 200;

    private final StudentPrompt prompt;

    /**
     * @param renderer  the prompt text of an example's inputs, e.g. {@code StudentPrompt::qa}
     * @param keepStart whether a prompt over {@code max_prompt_tokens} keeps its start (a document to summarise)
     *                  rather than its end (a question after its context, the latest turn of a conversation)
     */
    public LstmFamily(PromptRenderer renderer, boolean keepStart) {
        this.prompt = new StudentPrompt(renderer, keepStart);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The pre-tokens of the prompt and of every distinct answer: what the subword vocabulary is learnt from. */
    @Override
    public List<String> countedKeys(TextExample example) {
        List<String> keys = new ArrayList<>(SubwordVocabulary.preTokens(prompt.text(example.inputs())));
        answers(example).forEach(answer -> keys.addAll(SubwordVocabulary.preTokens(answer)));
        return keys;
    }

    /**
     * The subword vocabulary is learnt from the {@value #PRE_TOKENS_PER_SUBWORD} most frequent pre-tokens per
     * subword token: the merges are decided by frequent pairs, and a corpus's long tail of rare words (names,
     * numbers, typos) would otherwise all come to the driver.
     */
    @Override
    public KeyLimits keyLimits(FamilySettings settings) {
        return KeyLimits.of("", PRE_TOKENS_PER_SUBWORD * settings.student().generative().vocabSize());
    }

    @Override
    public PreparedLstm prepare(Map<String, Long> counts, FamilySettings settings) {
        GenerativeStudentConfig config = settings.student().generative();
        SubwordVocabulary vocabulary = SubwordVocabulary.learn(counts, config.vocabSize());
        float[][] start = null;
        if (settings.student().initFromTeacher()) {
            // The random rows the teacher's vectors are scaled to and that words it does not know keep: those of
            // the network this family will build, same config, same seed.
            ComputationGraph fresh = GenerativeNetwork.create(config, settings.hyperparameters(), vocabulary.size());
            start = TeacherEmbedding.rows(vocabulary, fresh.getParam(GenerativeNetwork.EMBEDDING_WEIGHTS));
        }
        return new PreparedLstm(vocabulary, config, start);
    }

    /** An example without any non-blank answer would only teach the student to stop at once. */
    @Override
    public Optional<String> unusable(PreparedLstm prepared, TextExample example) {
        return answers(example).isEmpty() ? Optional.of("the answer to learn is empty") : Optional.empty();
    }

    /** One sequence per distinct answer of each usable example, in minibatches of similar lengths. */
    @Override
    public Iterator<MultiDataSet> batches(PreparedLstm prepared, Iterator<TextExample> examples, int batchSize) {
        List<TokenSequence> sequences = new ArrayList<>();
        examples.forEachRemaining(example -> answers(example).forEach(answer -> sequences.add(TokenSequence.of(
                prepared.vocabulary(), prompt, example.inputs(), answer, prepared.settings()))));
        return SequenceBatches.batches(sequences.iterator(), batchSize);
    }

    @Override
    public ComputationGraph network(PreparedLstm prepared, FamilySettings settings) {
        ComputationGraph network = GenerativeNetwork.create(prepared.settings(), settings.hyperparameters(),
                prepared.vocabulary().size());
        if (prepared.startingEmbedding() != null) {
            network.setParam(GenerativeNetwork.EMBEDDING_WEIGHTS, Nd4j.create(prepared.startingEmbedding()));
        }
        return network;
    }

    /** The student, its card recording the {@code student.generative} settings it was built with. */
    @Override
    public GenerativeStudent student(PreparedLstm prepared, ComputationGraph network, StudentCard card) {
        Map<String, Object> settings = new LinkedHashMap<>(card.settings());
        settings.putAll(LstmSettings.toCard(prepared.settings(), prepared.vocabulary().size(),
                prepared.startingEmbedding() != null));
        return new GenerativeStudent(prepared.vocabulary(), prompt, network, new StudentCard(card.kind(),
                card.task(), card.family(), settings, card.hyperparameters(), card.provenance(),
                card.training()));
    }

    @Override
    public GenerativeStudent load(Path folder) throws IOException {
        return GenerativeStudent.load(folder, prompt);
    }

    /** The example's distinct non-blank answers, its target first. */
    private static List<String> answers(TextExample example) {
        Set<String> answers = new LinkedHashSet<>();
        answers.add(example.target());
        answers.addAll(example.targets());
        answers.removeIf(String::isBlank);
        return List.copyOf(answers);
    }
}
