package io.sparkdistill.student.reply;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What the selection family learns before training, broadcast to the executors: the candidate replies (templates,
 * most frequent first), which candidate each template seen in training became, the teacher's word vectors of the
 * vocabulary, and the sizes.
 *
 * <p>It also counts the passes made over the training examples with it, so that each pass draws other negative
 * candidates while a run stays reproducible whatever else the JVM trains. The count is not learnt and does not
 * travel: each deserialised copy (each executor's broadcast) counts its own passes.
 */
public final class CandidateSet implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<ReplyTemplate> templates;
    private final Map<String, Integer> candidateOf;
    private final Map<String, float[]> wordVectors;
    private final int vectorWidth;
    private final SelectionSizes sizes;
    private transient long passes;

    /**
     * @param templates   the candidates, most frequent first
     * @param candidateOf the candidate of each template skeleton seen in training (several skeletons may have become
     *                    one candidate when a slot turned out never to change)
     * @param wordVectors the teacher's vector of each known word
     * @param vectorWidth the teacher vectors' width
     * @param sizes       the encoders' sizes
     */
    public CandidateSet(List<ReplyTemplate> templates, Map<String, Integer> candidateOf,
                        Map<String, float[]> wordVectors, int vectorWidth, SelectionSizes sizes) {
        if (templates.isEmpty()) {
            throw new IllegalArgumentException("no candidate replies: the training split had no usable reply");
        }
        this.templates = List.copyOf(templates);
        this.candidateOf = Map.copyOf(candidateOf);
        this.wordVectors = Map.copyOf(wordVectors);
        this.vectorWidth = vectorWidth;
        this.sizes = sizes;
    }

    /** The candidate a reply's template became, if it is one. */
    public OptionalInt indexOf(ObservedReply reply) {
        Integer index = candidateOf.get(TemplateKeys.skeleton(reply));
        return index == null ? OptionalInt.empty() : OptionalInt.of(index);
    }

    /** The number of the pass over the training examples now starting with this copy: 0, 1, 2... */
    synchronized long nextPass() {
        return passes++;
    }

    public int size() {
        return templates.size();
    }

    public List<ReplyTemplate> templates() {
        return templates;
    }

    public Map<String, Integer> candidateOf() {
        return candidateOf;
    }

    public Map<String, float[]> wordVectors() {
        return wordVectors;
    }

    public int vectorWidth() {
        return vectorWidth;
    }

    public SelectionSizes sizes() {
        return sizes;
    }
}
