package io.sparkdistill.student.program;

import java.io.Serializable;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the program student chooses among and reads with, learnt from the training split before training (the
 * family's {@code P}): the program shapes it can answer with, the constants those may use, and the frozen teacher
 * vectors of the words it knows, reduced to {@code width}. Broadcast to the executors and saved beside the weights.
 *
 * @param shapes     the output classes, most frequent first ({@link ArithmeticProgram#shape})
 * @param constants  the constants seen in enough training programs to be trusted
 * @param words      the known words, most frequent first
 * @param vectors    each known word's teacher vector (PCA-reduced), in the order of {@code words}
 * @param width      the vectors' width
 * @param buckets    hashed word and character n-gram buckets read beside the vectors
 * @param ngrams     longest word n-gram hashed
 * @param charNgrams longest character n-gram hashed, or 0
 * @param hidden     width of the network's hidden layers
 */
public record ProgramSpace(List<String> shapes, List<String> constants, List<String> words, float[][] vectors,
                           int width, int buckets, int ngrams, int charNgrams, int hidden) implements Serializable {

    public ProgramSpace {
        if (shapes.isEmpty()) {
            throw new IllegalArgumentException("the program student needs at least one program shape to answer with");
        }
        if (words.size() != vectors.length) {
            throw new IllegalArgumentException(words.size() + " words but " + vectors.length + " vectors");
        }
        shapes = List.copyOf(shapes);
        constants = List.copyOf(constants);
        words = List.copyOf(words);
    }

    /** Each shape's class index. */
    public Map<String, Integer> shapeIndex() {
        Map<String, Integer> index = new HashMap<>(shapes.size() * 2);
        for (int i = 0; i < shapes.size(); i++) {
            index.put(shapes.get(i), i);
        }
        return index;
    }

    /** Each known word's vector. */
    public Map<String, float[]> wordVectors() {
        Map<String, float[]> map = new HashMap<>(words.size() * 2);
        for (int i = 0; i < words.size(); i++) {
            map.put(words.get(i), vectors[i]);
        }
        return map;
    }

    /** The sizes under their config keys, for the student's card. */
    public Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("dimension", width);
        settings.put("buckets", buckets);
        settings.put("ngrams", ngrams);
        settings.put("char_ngrams", charNgrams);
        settings.put("hidden", hidden);
        settings.put("vocabulary", words.size());
        settings.put("program_shapes", shapes.size());
        settings.put("constants", constants);
        return settings;
    }
}
