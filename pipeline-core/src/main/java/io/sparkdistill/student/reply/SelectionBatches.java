package io.sparkdistill.student.reply;

import io.sparkdistill.student.SparseFeatures;
import io.sparkdistill.student.text.TextExample;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.Set;

/**
 * Minibatches of (conversation, candidate) pairs: every candidate an example's targets became is a positive whose
 * label is its share of the targets (the teacher's completions as a soft target), and each example brings
 * {@link SelectionSizes#negatives()} other candidates, drawn with a seed of the example's own, labelled 0.
 */
final class SelectionBatches implements Iterator<MultiDataSet> {
    private final CandidateSet candidates;
    private final PairFeatures features;
    private final SparseFeatures[] replies;
    private final Iterator<TextExample> examples;
    private final int batchSize;
    private MultiDataSet next;

    SelectionBatches(CandidateSet candidates, PairFeatures features, SparseFeatures[] replies,
                     Iterator<TextExample> examples, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        this.candidates = candidates;
        this.features = features;
        this.replies = replies;
        this.examples = examples;
        this.batchSize = batchSize;
    }

    /** The candidates an example's targets became, with their share of its targets; empty if none is one. */
    static Map<Integer, Double> positives(CandidateSet candidates, Conversation conversation, List<String> targets) {
        Map<Integer, Double> shares = new LinkedHashMap<>();
        for (String target : targets) {
            candidates.indexOf(ReplyTemplater.observe(conversation, target))
                    .ifPresent(i -> shares.merge(i, 1.0 / targets.size(), Double::sum));
        }
        return shares;
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = build();
        }
        return next != null;
    }

    @Override
    public MultiDataSet next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        MultiDataSet batch = next;
        next = null;
        return batch;
    }

    private MultiDataSet build() {
        List<SparseFeatures> conversations = new ArrayList<>();
        List<Integer> replyIndices = new ArrayList<>();
        List<Float> labels = new ArrayList<>();
        int used = 0;
        while (used < batchSize && examples.hasNext()) {
            TextExample example = examples.next();
            Conversation conversation = Conversation.parse(example.inputs().get("messages"));
            Map<Integer, Double> shares = positives(candidates, conversation, example.targets());
            if (shares.isEmpty()) {
                continue;
            }
            SparseFeatures row = features.conversation(conversation);
            // each positive row is repeated as often as there are negatives, so both classes weigh alike and the
            // network learns which reply fits before it learns how rare fitting replies are
            int repeats = candidates.sizes().negatives();
            shares.forEach((index, share) -> {
                for (int r = 0; r < repeats; r++) {
                    conversations.add(row);
                    replyIndices.add(index);
                    labels.add(share.floatValue());
                }
            });
            for (int negative : negatives(example, shares)) {
                conversations.add(row);
                replyIndices.add(negative);
                labels.add(0f);
            }
            used++;
        }
        if (used == 0) {
            return null;
        }
        int rows = conversations.size();
        float[][] conversationInput = new float[rows][];
        float[][] replyInput = new float[rows][];
        float[][] labelArray = new float[rows][];
        for (int r = 0; r < rows; r++) {
            conversationInput[r] = dense(conversations.get(r), features.conversationWidth());
            replyInput[r] = dense(replies[replyIndices.get(r)], features.replyWidth());
            labelArray[r] = new float[]{labels.get(r)};
        }
        return new org.nd4j.linalg.dataset.MultiDataSet(
                new INDArray[]{Nd4j.create(conversationInput), Nd4j.create(replyInput)},
                new INDArray[]{Nd4j.create(labelArray)});
    }

    private int[] negatives(TextExample example, Map<Integer, Double> positives) {
        int available = candidates.size() - positives.size();
        int wanted = Math.min(candidates.sizes().negatives(), available);
        Random random = new Random(example.inputs().hashCode() * 31L + example.target().hashCode());
        int[] picked = new int[wanted];
        Set<Integer> seen = new HashSet<>(positives.keySet());
        for (int n = 0; n < wanted; ) {
            int candidate = random.nextInt(candidates.size());
            if (seen.add(candidate)) {
                picked[n++] = candidate;
            }
        }
        return picked;
    }

    private static float[] dense(SparseFeatures features, int width) {
        float[] row = new float[width];
        for (int k = 0; k < features.size(); k++) {
            row[features.indices()[k]] += features.values()[k];
        }
        return row;
    }
}
