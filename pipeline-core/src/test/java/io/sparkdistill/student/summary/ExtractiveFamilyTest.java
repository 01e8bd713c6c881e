package io.sparkdistill.student.summary;

import io.sparkdistill.evaluate.text.RougeScorer;
import io.sparkdistill.student.text.Answerer;
import io.sparkdistill.student.text.TextExample;
import io.sparkdistill.student.text.TextStudent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The extractive family learns from a small training set to summarise documents it has not seen better than the
 * lead baselines, answers with the network's own scores, and keeps its summaries through saving and Java
 * serialisation (Spark's broadcast).
 */
class ExtractiveFamilyTest {
    private static final List<TextExample> HELD_OUT = SummaryTraining.samples("validation");

    @Test
    void theFamilyLearnsASmallDataSetAndBeatsTheLeadBaselinesOnHeldOutRows() {
        List<String> summaries = summaries(SummaryTraining.small());
        List<List<String>> references = SummaryTraining.references(HELD_OUT);
        double student = RougeScorer.score(summaries, references).rougeL();
        double lead1 = RougeScorer.score(SummaryTraining.lead(HELD_OUT, 1), references).rougeL();
        double lead3 = RougeScorer.score(SummaryTraining.lead(HELD_OUT, 3), references).rougeL();
        assertTrue(student > lead3 + 0.1 && student > lead1 + 0.1,
                "ROUGE-L " + student + " vs lead-1 " + lead1 + " and lead-3 " + lead3);
    }

    @Test
    void summariesQuoteSentencesOfTheDocumentInItsOrderLessTheLearntClausesAndAreShorterThanIt() {
        ExtractiveStudent student = SummaryTraining.small();
        List<String> summaries = summaries(student);
        SentenceSplitter splitter = new SentenceSplitter();
        for (int i = 0; i < HELD_OUT.size(); i++) {
            String document = HELD_OUT.get(i).inputs().get(ExtractiveStudent.DOCUMENT);
            List<String> quotable = new ArrayList<>();
            for (String sentence : splitter.split(document)) {
                quotable.add(ClauseCompressor.compress(student.prepared().openingCut().apply(sentence),
                        student.prepared().droppableClauses()));
            }
            int from = 0;
            List<String> quotes = splitter.split(summaries.get(i));
            for (int q = 0; q < quotes.size(); q++) {
                String quoted = quotes.get(q);
                int at = quotable.subList(from, quotable.size()).indexOf(quoted);
                if (at < 0 && q == quotes.size() - 1) {
                    // the word budget may cut the last quoted sentence: then it is a later sentence's start
                    at = startOfLater(quotable.subList(from, quotable.size()), quoted);
                }
                assertTrue(at >= 0, "'" + quoted + "' is (the start of) a later sentence of the document");
                from += at + 1;
            }
            assertTrue(summaries.get(i).length() < document.length(), "shorter than the document");
        }
    }

    @Test
    void thePlainJavaScorerGivesTheNetworksOwnScoresForDocumentsPaddedInABatch() {
        ExtractiveStudent student = SummaryTraining.small();
        SentenceFeaturizer featurizer = new SentenceFeaturizer(student.prepared());
        SentenceScorer scorer = new SentenceScorer(student.network(), student.prepared());
        List<DocumentFeatures> documents = new ArrayList<>();
        List<float[]> noGains = new ArrayList<>();
        for (TextExample example : HELD_OUT.subList(0, 8)) {
            DocumentFeatures document = featurizer.featurise(example.inputs().get(ExtractiveStudent.DOCUMENT));
            documents.add(document);
            noGains.add(new float[document.size()]);
        }
        assertTrue(documents.stream().mapToInt(DocumentFeatures::size).distinct().count() > 1, "lengths differ");
        MultiDataSet batch = ScorerInputs.dataSet(documents, noGains, student.prepared());
        INDArray network = student.network().output(false, batch.getFeatures(), batch.getFeaturesMaskArrays(),
                batch.getLabelsMaskArrays())[0];
        for (int b = 0; b < documents.size(); b++) {
            float[] plain = scorer.scores(documents.get(b));
            for (int t = 0; t < plain.length; t++) {
                assertEquals(network.getFloat(b, 0, t), plain[t], 1e-4, "document " + b + " sentence " + t);
            }
        }
    }

    @Test
    void saveAndLoadGiveTheSameSummaries(@TempDir Path folder) throws Exception {
        ExtractiveStudent student = SummaryTraining.small();
        student.save(folder);
        TextStudent loaded = new ExtractiveFamily().load(folder);
        assertEquals(summaries(student), summaries(loaded));
        assertEquals(student.parameterCount(), loaded.parameterCount());
        assertEquals(ExtractiveFamily.NAME, loaded.card().family());
        assertEquals(student.prepared().wordLimit(), ((Number) loaded.card().settings().get("word_limit")).intValue());
    }

    @Test
    void theFirstSentenceRuleQuotesTheFirstSentenceCutAsTheNetworksChoiceWouldBeAndSurvivesSaving(@TempDir Path folder)
            throws Exception {
        ExtractiveStudent student = SummaryTraining.small();
        TextStudent rule = new ExtractiveFamily().rules(student.prepared(), student.network(), student.card())
                .get("first_sentence");
        ExtractivePreparation prepared = student.prepared();
        SummarySelector selector = new SummarySelector(prepared.wordLimit(), prepared.wordBudget(),
                prepared.droppableClauses(), prepared.openingCut());
        List<String> expected = new ArrayList<>();
        for (TextExample example : HELD_OUT) {
            List<String> sentences = new SentenceSplitter().split(example.inputs().get(ExtractiveStudent.DOCUMENT));
            String first = sentences.get(0);
            expected.add(selector.summary(List.of(first), new int[]{RougeWords.count(first)}, new float[]{1f}));
        }
        assertEquals(expected, summaries(rule));
        assertTrue(!expected.equals(summaries(student)), "the network quotes other sentences too");
        rule.save(folder);
        TextStudent loaded = new ExtractiveFamily().load(folder);
        assertEquals("first_sentence", loaded.card().settings().get("sentence_choice"));
        assertEquals(expected, summaries(loaded));
    }

    @Test
    void javaSerialisationGivesTheSameSummaries() throws Exception {
        ExtractiveStudent student = SummaryTraining.small();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(student);
        }
        TextStudent copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (TextStudent) in.readObject();
        }
        assertEquals(summaries(student), summaries(copy));
    }

    @Test
    void anExampleWhoseTargetSharesNoWordWithItsDocumentIsUnusableAndSaysWhy() {
        ExtractiveFamily family = new ExtractiveFamily();
        ExtractivePreparation prepared = SummaryTraining.small().prepared();
        Map<String, String> inputs = Map.of(ExtractiveStudent.DOCUMENT, "The council met. It approved a bridge.");
        assertEquals(Optional.of("no sentence of the document shares a word with the target"),
                family.unusable(prepared, TextExample.of(inputs, "Zebras graze.", List.of())));
        assertEquals(Optional.of("the document has no sentence"),
                family.unusable(prepared, TextExample.of(Map.of(ExtractiveStudent.DOCUMENT, " "), "x", List.of())));
        assertEquals(Optional.empty(), family.unusable(prepared, TextExample.of(inputs, "A bridge.", List.of())));
    }

    private static List<String> summaries(TextStudent student) {
        Answerer answerer = student.newAnswerer();
        List<String> summaries = new ArrayList<>();
        for (TextExample example : HELD_OUT) {
            summaries.add(answerer.answer(example.inputs()).text());
        }
        return summaries;
    }

    private static int startOfLater(List<String> sentences, String start) {
        for (int i = 0; i < sentences.size(); i++) {
            if (sentences.get(i).startsWith(start)) {
                return i;
            }
        }
        return -1;
    }
}
