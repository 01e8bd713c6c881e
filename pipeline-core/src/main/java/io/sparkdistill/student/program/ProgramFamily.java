package io.sparkdistill.student.program;

import io.sparkdistill.config.StudentArchitecture;
import io.sparkdistill.config.StudentConfig;
import io.sparkdistill.student.WordVocabulary;
import io.sparkdistill.student.text.FamilySettings;
import io.sparkdistill.student.text.StudentCard;
import io.sparkdistill.student.text.TextExample;
import io.sparkdistill.student.text.TextStudent;
import io.sparkdistill.student.text.TextStudentFamily;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The math program student family ({@code student.architecture: program}): instead of writing a solution token by
 * token, the student picks the shape of the arithmetic program that solves the question ({@code "N0*N1/100 ;
 * N0-S0"}, see {@link ArithmeticProgram}) among the shapes the teacher's worked answers used in training, and runs it
 * exactly on the question's numbers. One forward pass per question, and no arithmetic slips.
 *
 * <p>Counted keys: each question's distinct words ({@code word}), and each answer's program shape and constants
 * ({@code shape}, {@code constant}). Sizes: {@code student.dimension} is the width of the teacher word vectors (at
 * most the teacher's 384) and of the hidden layers; {@code buckets}, {@code ngrams} and {@code char_ngrams} shape the
 * hashed n-grams; {@code vocabulary} caps the known words. Internal defaults, as no config field fits: a constant is
 * trusted once {@value #MIN_CONSTANT_EXAMPLES} training programs use it (one use may be a teacher's slip), a shape
 * seen once is kept, and at most {@value #MAX_SHAPES} shapes are kept, most frequent first.
 */
public final class ProgramFamily implements TextStudentFamily<ProgramSpace> {
    private static final long serialVersionUID = 1L;
    public static final String NAME = StudentArchitecture.PROGRAM.configName();
    static final String QUESTION = "question";
    static final String WORD = "word\t";
    static final String SHAPE = "shape\t";
    static final String CONSTANT = "constant\t";
    static final int MIN_CONSTANT_EXAMPLES = 2;
    static final int MAX_SHAPES = 2000;

    @Override
    public String name() {
        return NAME;
    }

    /** The question of an example's inputs. */
    static String question(Map<String, String> inputs) {
        String question = inputs.get(QUESTION);
        if (question == null) {
            throw new IllegalArgumentException("a math example needs a '" + QUESTION + "' input, got "
                    + inputs.keySet());
        }
        return question;
    }

    @Override
    public List<String> countedKeys(TextExample example) {
        Set<String> keys = new LinkedHashSet<>();
        for (String word : WordVocabulary.tokens(QuestionNumbers.of(question(example.inputs())).markedText())) {
            if (!word.matches("n\\d+")) {
                keys.add(WORD + word);
            }
        }
        for (String shape : ShapeTargets.shapes(example).shapes()) {
            keys.add(SHAPE + shape);
            ArithmeticProgram.parse(shape).constants().forEach(c -> keys.add(CONSTANT + c));
        }
        return new ArrayList<>(keys);
    }

    @Override
    public ProgramSpace prepare(Map<String, Long> counts, FamilySettings settings) {
        StudentConfig student = settings.student();
        List<String> constants = mostFrequent(counts, CONSTANT, MIN_CONSTANT_EXAMPLES, Integer.MAX_VALUE);
        List<String> shapes = new ArrayList<>();
        for (String shape : mostFrequent(counts, SHAPE, 1, Integer.MAX_VALUE)) {
            if (shapes.size() < MAX_SHAPES && constants.containsAll(ArithmeticProgram.parse(shape).constants())) {
                shapes.add(shape);
            }
        }
        if (shapes.isEmpty()) {
            throw new IllegalArgumentException("no training answer gave an arithmetic program the student could "
                    + "learn (" + mostFrequent(counts, SHAPE, 1, Integer.MAX_VALUE).size() + " shapes seen)");
        }
        int width = Math.min(student.dimension(), FrozenWordVectors.teacherWidth());
        FrozenWordVectors.Vectors vectors = FrozenWordVectors.of(
                mostFrequent(counts, WORD, 1, student.vocabulary()), width);
        return new ProgramSpace(shapes, constants, vectors.words(), vectors.vectors(), width, student.buckets(),
                student.ngrams(), student.charNgrams(), student.dimension());
    }

    /** The keys with a prefix counted at least {@code min} times, most frequent first (ties alphabetical). */
    private static List<String> mostFrequent(Map<String, Long> counts, String prefix, long min, int limit) {
        return counts.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix) && e.getValue() >= min)
                .sorted(Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue).reversed()
                        .thenComparing(Map.Entry::getKey))
                .limit(limit)
                .map(e -> e.getKey().substring(prefix.length()))
                .toList();
    }

    @Override
    public Optional<String> unusable(ProgramSpace prepared, TextExample example) {
        ShapeTargets.Shapes shapes = ShapeTargets.shapes(example);
        if (shapes.shapes().isEmpty()) {
            return Optional.of(shapes.firstReason());
        }
        if (shapes.shapes().stream().noneMatch(prepared.shapes()::contains)) {
            return Optional.of("its program shape " + shapes.shapes() + " is not among the " + prepared.shapes().size()
                    + " kept (a constant used in fewer than " + MIN_CONSTANT_EXAMPLES + " training programs, or too "
                    + "rare a shape)");
        }
        return Optional.empty();
    }

    @Override
    public Iterator<MultiDataSet> batches(ProgramSpace prepared, Iterator<TextExample> examples, int batchSize) {
        return new ProgramBatches(prepared, examples, batchSize);
    }

    @Override
    public ComputationGraph network(ProgramSpace prepared, FamilySettings settings) {
        return ProgramNetwork.create(prepared, settings.hyperparameters());
    }

    @Override
    public TextStudent student(ProgramSpace prepared, ComputationGraph network, StudentCard card) {
        Map<String, Object> sizes = new LinkedHashMap<>(card.settings());
        sizes.putAll(prepared.settings());
        return new ProgramStudent(prepared, network, new StudentCard(card.kind(), card.task(), NAME, sizes,
                card.hyperparameters(), card.provenance(),
                card.training()));
    }

    @Override
    public TextStudent load(Path folder) throws IOException {
        StudentCard card = StudentCard.read(folder);
        if (!NAME.equals(card.family())) {
            throw new IOException("the student in " + folder + " is of family '" + card.family() + "', not '"
                    + NAME + "'");
        }
        return ProgramStudent.load(folder);
    }
}
