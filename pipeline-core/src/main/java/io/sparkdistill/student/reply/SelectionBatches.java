package io.sparkdistill.student.reply;

import io.sparkdistill.student.SparseFeatures;
import io.sparkdistill.student.text.TextExample;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * Minibatches of candidate groups, one group per example: the candidates its targets became, each labelled with its
 * share of the targets (the teacher's completions as a soft target), then other candidates, labelled 0, up to
 * {@link DualEncoder#groupSize} rows. Every row carries the conversation and one candidate; the labels are one row
 * per group, as the dual encoder's softmax reads them.
 *
 * <p>The other candidates are drawn anew on each pass over the examples (each epoch), from the example and
 * {@link CandidateSet#nextPass}: with the same few negatives every epoch, the network learns to beat those and not
 * the rest of the candidates. A single-threaded run is reproducible; on Spark the draws depend on which executor
 * batches which partition, as shuffling would.
 */
final class SelectionBatches implements Iterator<MultiDataSet> {
    private final CandidateSet candidates;
    private final PairFeatures features;
    private final SparseFeatures[] replies;
    private final Iterator<TextExample> examples;
    private final int batchSize;
    private final int group;
    private final long pass;
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
        this.group = DualEncoder.groupSize(candidates.sizes());
        this.pass = candidates.nextPass();
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

    /**
     * One row per example, whatever its group's size, so that a training master that re-batches by rows never cuts
     * a group apart: the conversation's features repeated once per member, and the members' reply features side by
     * side; the network reshapes both to one row per (conversation, candidate) pair.
     */
    private MultiDataSet build() {
        List<float[]> conversationRows = new ArrayList<>();
        List<float[]> replyRows = new ArrayList<>();
        List<float[]> labelRows = new ArrayList<>();
        int conversationWidth = features.conversationWidth();
        int replyWidth = features.replyWidth();
        while (labelRows.size() < batchSize && examples.hasNext()) {
            TextExample example = examples.next();
            Conversation conversation = Conversation.parse(example.inputs().get("messages"));
            Map<Integer, Double> shares = positives(candidates, conversation, example.targets());
            if (shares.isEmpty()) {
                continue;
            }
            float[] row = dense(features.conversation(conversation), conversationWidth);
            int[] members = members(example, shares);
            float[] labels = new float[group];
            float[] conversations = new float[group * conversationWidth];
            float[] replyGroup = new float[group * replyWidth];
            for (int k = 0; k < group; k++) {
                System.arraycopy(row, 0, conversations, k * conversationWidth, conversationWidth);
                System.arraycopy(dense(replies[members[k]], replyWidth), 0, replyGroup, k * replyWidth, replyWidth);
                labels[k] = (float) (shares.getOrDefault(members[k], 0.0) / copies(members, members[k]));
            }
            conversationRows.add(conversations);
            replyRows.add(replyGroup);
            labelRows.add(labels);
        }
        if (labelRows.isEmpty()) {
            return null;
        }
        return new org.nd4j.linalg.dataset.MultiDataSet(
                new INDArray[]{Nd4j.create(conversationRows.toArray(new float[0][])),
                        Nd4j.create(replyRows.toArray(new float[0][]))},
                new INDArray[]{Nd4j.create(labelRows.toArray(new float[0][]))});
    }

    /**
     * The group's candidates: the positives (as many as fit), then other candidates, drawn without repeats while
     * there are enough of them. A candidate set smaller than a group repeats members, and {@link #copies} splits a
     * repeated positive's label.
     */
    private int[] members(TextExample example, Map<Integer, Double> shares) {
        int[] members = new int[group];
        List<Integer> positives = new ArrayList<>(shares.keySet());
        int n = 0;
        for (; n < group && n < positives.size(); n++) {
            members[n] = positives.get(n);
        }
        List<Integer> others = new ArrayList<>();
        for (int c = 0; c < candidates.size(); c++) {
            if (!shares.containsKey(c)) {
                others.add(c);
            }
        }
        Random random = new Random((example.inputs().hashCode() * 31L + example.target().hashCode()) * 31L + pass);
        boolean repeat = others.size() < group - n;
        for (int drawn = 0; n < group; n++, drawn++) {
            if (others.isEmpty()) {
                members[n] = positives.get(n % positives.size());
            } else {
                // a partial Fisher-Yates shuffle draws without repeats
                int pick = repeat ? random.nextInt(others.size()) : drawn + random.nextInt(others.size() - drawn);
                members[n] = others.get(pick);
                if (!repeat) {
                    others.set(pick, others.get(drawn));
                    others.set(drawn, members[n]);
                }
            }
        }
        return members;
    }

    private static int copies(int[] members, int candidate) {
        int copies = 0;
        for (int member : members) {
            if (member == candidate) {
                copies++;
            }
        }
        return copies;
    }

    private static float[] dense(SparseFeatures features, int width) {
        float[] row = new float[width];
        for (int k = 0; k < features.size(); k++) {
            row[features.indices()[k]] += features.values()[k];
        }
        return row;
    }
}
