package io.sparkdistill.student.summary;

import io.sparkdistill.config.StudentArchitecture;
import io.sparkdistill.config.StudentConfig;
import io.sparkdistill.student.WordVocabulary;
import io.sparkdistill.student.text.FamilySettings;
import io.sparkdistill.student.text.StudentCard;
import io.sparkdistill.student.text.TextExample;
import io.sparkdistill.student.text.TextStudent;
import io.sparkdistill.student.text.TextStudentFamily;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The extractive summariser family ({@code student.architecture: extractive}): it learns how much each of a
 * document's sentences adds to the teacher's summary ({@link OracleGains}), and answers by quoting the sentences it
 * scores as adding something, in document order, within a word limit ({@link SummarySelector}). Quoting cannot
 * hallucinate, and scoring a dozen sentences takes a fraction of a millisecond.
 *
 * <p>What it learns from the training split's counts ({@link #prepare}): the vocabulary and its document
 * frequencies (for idf weights) with each word's frozen teacher vector, the word limit, the
 * {@value #LIMIT_QUANTILE} quantile of the oracle extracts' lengths ({@link WordLimit}), the word budget the
 * summaries are cut at, where cut oracle extracts match the targets best ({@link WordBudget}), the clauses its
 * summaries leave out ({@link ClauseStatistics}) and the sentence openings they leave out
 * ({@link OpeningStatistics}). The network's sizes come from the student section: {@code dimension} units per
 * sentence, {@code filters} context filters over {@code kernel} neighbouring sentences, {@code vocabulary} known
 * words at most. Besides the trained student it offers a rule, quoting the first sentence cut the same way
 * ({@link #rules}), for the train stage to keep where it scores higher on the validation split. Internal defaults
 * where no setting fits: {@value #CUE_BUCKETS} hash buckets of cue words and word pairs (the student's
 * {@code buckets}, 16384 by default, is sized for a whole text's n-grams and would make every sentence's input 16
 * times wider), and the first {@value #MAX_SENTENCES} sentences of a document scored.
 */
public final class ExtractiveFamily implements TextStudentFamily<ExtractivePreparation> {
    private static final long serialVersionUID = 1L;
    public static final String NAME = StudentArchitecture.EXTRACTIVE.configName();

    static final String DOCUMENTS_KEY = "documents";
    static final String WORD_KEY = "word:";
    static final String ORACLE_WORDS_KEY = "oracle_words:";

    static final double LIMIT_QUANTILE = 0.95;
    static final int CUE_BUCKETS = 1024;
    static final int MAX_SENTENCES = 128;
    private static final SentenceSplitter SPLITTER = new SentenceSplitter();

    @Override
    public String name() {
        return NAME;
    }

    /**
     * The document once, each distinct word of the document once (its document frequency), and for each target the
     * length in words of the oracle's extract for it (how long an extract of such documents must be to match such
     * targets best: longer than the targets themselves, since quoted sentences carry words a summary leaves out)
     * how well the extract, its sentences' openings cut where that helped most and the whole cut at each of a range
     * of word budgets, matches the target ({@link WordBudget}), whether dropping each candidate clause of the
     * extract's sentences helped ({@link ClauseStatistics}), and what cutting each candidate opening of them did
     * ({@link OpeningStatistics}).
     */
    @Override
    public List<String> countedKeys(TextExample example) {
        List<String> keys = new ArrayList<>();
        keys.add(DOCUMENTS_KEY);
        String document = document(example);
        for (String word : new LinkedHashSet<>(WordVocabulary.tokens(document))) {
            keys.add(WORD_KEY + word);
        }
        List<String> sentences = SPLITTER.split(document);
        for (String target : example.targets()) {
            float[] gains = OracleGains.gains(sentences, target);
            int words = 0;
            for (int i = 0; i < gains.length; i++) {
                words += gains[i] > 0 ? RougeWords.count(sentences.get(i)) : 0;
            }
            if (words > 0) {
                keys.add(ORACLE_WORDS_KEY + words);
            }
            List<String> cut = OpeningStatistics.bestCuts(sentences, gains, target);
            keys.addAll(WordBudget.observations(cut, gains, target));
            keys.addAll(ClauseStatistics.observations(sentences, gains, target));
            keys.addAll(OpeningStatistics.observations(sentences, gains, target));
        }
        return keys;
    }

    @Override
    public ExtractivePreparation prepare(Map<String, Long> counts, FamilySettings settings) {
        Map<String, Long> frequencies = new LinkedHashMap<>();
        Map<Integer, Long> extractLengths = new LinkedHashMap<>();
        counts.forEach((key, count) -> {
            if (key.startsWith(WORD_KEY)) {
                frequencies.put(key.substring(WORD_KEY.length()), count);
            } else if (key.startsWith(ORACLE_WORDS_KEY)) {
                extractLengths.merge(Integer.parseInt(key.substring(ORACLE_WORDS_KEY.length())), count, Long::sum);
            }
        });
        TeacherVocabulary vocabulary = TeacherVocabulary.of(frequencies, settings.student().vocabulary());
        return new ExtractivePreparation(vocabulary.words(), vocabulary.vectors(), vocabulary.width(),
                vocabulary.documentFrequencies(), counts.getOrDefault(DOCUMENTS_KEY, 0L),
                WordLimit.quantile(extractLengths, LIMIT_QUANTILE), WordBudget.learn(counts), CUE_BUCKETS,
                MAX_SENTENCES, ClauseStatistics.droppable(counts), OpeningStatistics.learn(counts));
    }

    @Override
    public Optional<String> unusable(ExtractivePreparation prepared, TextExample example) {
        List<String> sentences = new SentenceFeaturizer(prepared).featurise(document(example)).sentences();
        return reason(sentences, OracleGains.of(sentences, example.targets()));
    }

    private static Optional<String> reason(List<String> sentences, float[] gains) {
        if (sentences.isEmpty()) {
            return Optional.of("the document has no sentence");
        }
        for (float gain : gains) {
            if (gain > 0) {
                return Optional.empty();
            }
        }
        return Optional.of("no sentence of the document shares a word with the target");
    }

    @Override
    public Iterator<MultiDataSet> batches(ExtractivePreparation prepared, Iterator<TextExample> examples,
                                          int batchSize) {
        SentenceFeaturizer featurizer = new SentenceFeaturizer(prepared);
        return new Iterator<>() {
            private MultiDataSet next = advance();

            private MultiDataSet advance() {
                List<DocumentFeatures> documents = new ArrayList<>(batchSize);
                List<float[]> gains = new ArrayList<>(batchSize);
                while (documents.size() < batchSize && examples.hasNext()) {
                    TextExample example = examples.next();
                    DocumentFeatures document = featurizer.featurise(document(example));
                    float[] exampleGains = OracleGains.of(document.sentences(), example.targets());
                    if (reason(document.sentences(), exampleGains).isEmpty()) {
                        documents.add(document);
                        gains.add(exampleGains);
                    }
                }
                return documents.isEmpty() ? null : ScorerInputs.dataSet(documents, gains, prepared);
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public MultiDataSet next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                MultiDataSet current = next;
                next = advance();
                return current;
            }
        };
    }

    @Override
    public ComputationGraph network(ExtractivePreparation prepared, FamilySettings settings) {
        StudentConfig student = settings.student();
        return SentenceScorerNetwork.create(prepared, student.dimension(), student.filters(), student.kernel(),
                settings.hyperparameters());
    }

    /** The student that quotes the sentences its network scores best. */
    @Override
    public TextStudent student(ExtractivePreparation prepared, ComputationGraph network, StudentCard card) {
        return student(prepared, network, card, SentenceChoice.NETWORK);
    }

    /**
     * The student that quotes the first sentence, cut as the network's choice would be: the lead baseline with the
     * family's learnt compression, a strong rival where documents open with their gist.
     */
    @Override
    public Map<String, TextStudent> rules(ExtractivePreparation prepared, ComputationGraph network,
                                         StudentCard card) {
        SentenceChoice first = SentenceChoice.FIRST_SENTENCE;
        return Map.of(first.settingName(), student(prepared, network, card, first));
    }

    /** The student, its card's settings completed with what {@link #load} needs to rebuild it. */
    private static TextStudent student(ExtractivePreparation prepared, ComputationGraph network, StudentCard card,
                                       SentenceChoice choice) {
        Map<String, Object> settings = new LinkedHashMap<>(card.settings());
        settings.put(ExtractiveStudent.SENTENCE_CHOICE, choice.settingName());
        settings.put(ExtractiveStudent.WORD_LIMIT, prepared.wordLimit());
        settings.put(ExtractiveStudent.WORD_BUDGET, prepared.wordBudget());
        settings.put(ExtractiveStudent.CUE_BUCKETS, prepared.cueBuckets());
        settings.put(ExtractiveStudent.MAX_SENTENCES, prepared.maxSentences());
        settings.put(ExtractiveStudent.DROPPED_CLAUSES, new ArrayList<>(new TreeSet<>(prepared.droppableClauses())));
        settings.put(ExtractiveStudent.OPENING_GAINS, new TreeMap<>(prepared.openingCut().gains()));
        settings.put("vocabulary", prepared.words().size());
        settings.put("vector_width", prepared.vectorWidth());
        settings.put("dimension", network.getLayer(SentenceScorerNetwork.SENTENCE).getParam("W").size(0));
        INDArray context = network.getLayer(SentenceScorerNetwork.CONTEXT).getParam("W");
        settings.put("filters", context.size(0));
        settings.put("kernel", context.size(2));
        return new ExtractiveStudent(prepared, network, new StudentCard(card.kind(), card.task(), NAME, settings,
                card.hyperparameters(), card.provenance(),
                card.training()), choice);
    }

    @Override
    public TextStudent load(Path folder) throws IOException {
        return ExtractiveStudent.load(folder);
    }

    private static String document(TextExample example) {
        return example.inputs().getOrDefault(ExtractiveStudent.DOCUMENT, "");
    }
}
