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
 * @param templates     the candidates, most frequent first
 * @param candidateOf   the candidate of each template skeleton seen in training (several skeletons may have become
 *                      one candidate when a slot turned out never to change)
 * @param wordVectors   the teacher's vector of each known word
 * @param vectorWidth   the teacher vectors' width
 * @param sizes         the encoders' sizes
 */
public record CandidateSet(List<ReplyTemplate> templates, Map<String, Integer> candidateOf,
                           Map<String, float[]> wordVectors, int vectorWidth, SelectionSizes sizes)
        implements Serializable {

    public CandidateSet {
        templates = List.copyOf(templates);
        candidateOf = Map.copyOf(candidateOf);
        wordVectors = Map.copyOf(wordVectors);
        if (templates.isEmpty()) {
            throw new IllegalArgumentException("no candidate replies: the training split had no usable reply");
        }
    }

    /** The candidate a reply's template became, if it is one. */
    public OptionalInt indexOf(ObservedReply reply) {
        Integer index = candidateOf.get(TemplateKeys.skeleton(reply));
        return index == null ? OptionalInt.empty() : OptionalInt.of(index);
    }

    public int size() {
        return templates.size();
    }
}
