package io.sparkdistill.student.reply;

import io.sparkdistill.config.StudentArchitecture;
import io.sparkdistill.student.SparseFeatures;
import io.sparkdistill.student.text.FamilySettings;
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

/**
 * Response selection in the manner of Smart Reply (Henderson et al., 2017), for conversations: the student answers
 * with one of the teacher's own replies, made into a template whose slots take the new conversation's order ids,
 * amounts, dates, names and products. A dual encoder ranks the candidates; the conversation is encoded once and
 * compared with every candidate's stored encoding, so an answer costs about as much as one small classifier.
 *
 * <p>It cannot say anything the teacher never said in training, which is also why it is fast and never garbles a
 * sentence; the more the teacher's replies repeat themselves (support, procedures), the better it fits.
 */
public final class SelectionFamily implements TextStudentFamily<CandidateSet> {
    private static final long serialVersionUID = 1L;
    public static final String NAME = StudentArchitecture.SELECTION.configName();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> countedKeys(TextExample example) {
        Conversation conversation = Conversation.parse(example.inputs().get("messages"));
        List<String> keys = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        conversation.turns().forEach(turn -> texts.add(turn.content()));
        for (String target : new LinkedHashSet<>(example.targets())) {
            keys.addAll(TemplateKeys.of(ReplyTemplater.observe(conversation, target)));
            texts.add(target);
        }
        keys.addAll(TemplateKeys.words(texts));
        return keys;
    }

    @Override
    public CandidateSet prepare(Map<String, Long> counts, FamilySettings settings) {
        return CandidateSetBuilder.build(counts, SelectionSizes.of(settings), TokenEmbeddingTable.shared());
    }

    @Override
    public Optional<String> unusable(CandidateSet prepared, TextExample example) {
        Conversation conversation = Conversation.parse(example.inputs().get("messages"));
        if (SelectionBatches.positives(prepared, conversation, example.targets()).isEmpty()) {
            return Optional.of("none of its replies' templates is among the " + prepared.size()
                    + " candidate replies");
        }
        return Optional.empty();
    }

    @Override
    public Iterator<MultiDataSet> batches(CandidateSet prepared, Iterator<TextExample> examples, int batchSize) {
        PairFeatures features = new PairFeatures(prepared);
        SparseFeatures[] replies = new SparseFeatures[prepared.size()];
        for (int n = 0; n < replies.length; n++) {
            replies[n] = features.reply(prepared.templates().get(n));
        }
        return new SelectionBatches(prepared, features, replies, examples, batchSize);
    }

    @Override
    public ComputationGraph network(CandidateSet prepared, FamilySettings settings) {
        return DualEncoder.create(new PairFeatures(prepared), prepared.sizes(), settings.hyperparameters());
    }

    @Override
    public TextStudent student(CandidateSet prepared, ComputationGraph network, StudentCard card) {
        Map<String, Object> settings = new LinkedHashMap<>(prepared.sizes().asMap());
        settings.put("candidates", prepared.size());
        settings.put("vocabulary_words", prepared.wordVectors().size());
        settings.putAll(card.settings());
        return new SelectionStudent(prepared, network, new StudentCard(card.kind(), card.task(), card.family(),
                settings, card.hyperparameters(), card.provenance(),
                card.training()));
    }

    @Override
    public TextStudent load(Path folder) throws IOException {
        return SelectionStudent.load(folder);
    }
}
