package io.sparkdistill.student.text;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A kind of student for a text task ({@code student.architecture}), as the Spark train stage drives it without
 * knowing which it is:
 * <ol>
 *   <li>{@link #countedKeys} on the executors, summed by key: the words of a vocabulary, the reply templates, the
 *       program shapes, whatever the family's inputs and outputs are made of; cut there to the
 *       {@link #keyLimits} most frequent;</li>
 *   <li>{@link #prepare} on the driver, from those counts: the family's {@code P}, broadcast to the executors;</li>
 *   <li>{@link #batches} on the executors, skipping examples {@link #unusable} says it cannot learn from;</li>
 *   <li>{@link #network} on the driver, trained by dl4j-spark's training masters, then {@link #student}.</li>
 * </ol>
 * Families are stateless: everything learnt lives in {@code P} and the network.
 *
 * @param <P> what the family learns before training (vocabularies, candidate sets), serialisable to be broadcast
 */
public interface TextStudentFamily<P extends Serializable> extends Serializable {

    /** The family's name, as {@code student.architecture} and {@code student.json} spell it. */
    String name();

    /** What one training example adds to the counts {@link #prepare} learns from. */
    List<String> countedKeys(TextExample example);

    /**
     * Which of the counted keys {@link #prepare} reads: the train stage cuts the counts to these on the executors,
     * so that only they reach the driver. Every key unless the family says otherwise.
     */
    default KeyLimits keyLimits(FamilySettings settings) {
        return KeyLimits.NONE;
    }

    /** What the student's inputs and outputs need, learnt from the counts summed over the training examples. */
    P prepare(Map<String, Long> counts, FamilySettings settings);

    /**
     * Why the student cannot learn from this example (for extractive qa: the answer is nowhere in the context), or
     * empty when it can. Unusable examples are counted and reported, never silently dropped.
     */
    Optional<String> unusable(P prepared, TextExample example);

    /** Minibatches of at most {@code batchSize} usable examples. */
    Iterator<MultiDataSet> batches(P prepared, Iterator<TextExample> examples, int batchSize);

    /** A new, untrained network. */
    ComputationGraph network(P prepared, FamilySettings settings);

    /** The student made of a trained network. */
    TextStudent student(P prepared, ComputationGraph network, StudentCard card);

    /**
     * Students that answer by a simple rule instead of the trained network, by name (for the extractive summariser:
     * quote the first sentence), which the train stage weighs against the trained student on the validation split,
     * keeping whichever scores higher: on some data a rule beats any network the training split can teach, and the
     * split, not a guess, should say so. None by default.
     */
    default Map<String, TextStudent> rules(P prepared, ComputationGraph network, StudentCard card) {
        return Map.of();
    }

    /** Reads a student written by {@link TextStudent#save}. */
    TextStudent load(Path folder) throws IOException;
}
