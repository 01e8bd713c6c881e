package io.sparkdistill.evaluate.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every metric against the values the reference implementations printed for the same inputs.
 *
 * <p>{@code metrics/reference-values.json} holds the inputs and the printed values; its {@code provenance} object
 * records what ran. It was produced on 2026-11-27 by running, with Debian 12's python3:
 * <ul>
 *   <li>sacreBLEU 2.6.0 from a checkout of mjpost/sacrebleu (tag v2.6.0 plus one README commit, f615c72):
 *       {@code BLEU().corpus_score}, {@code CHRF().corpus_score} (references as streams, {@code None} where a
 *       segment has fewer references), {@code sentence_bleu}, {@code sentence_chrf}, all with default arguments
 *       (signatures {@code nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0} and
 *       {@code nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0}), and {@code Tokenizer13a()} itself;</li>
 *   <li>rouge-score as google-research/google-research {@code rouge/rouge_scorer.py} (commit 61ce9f0), its
 *       {@code tokenize.py}, {@code tokenizers.py} and {@code scoring.py}, with {@code score_multi} as released in
 *       rouge-score 0.1.2: {@code RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=False).score_multi};
 *       the corpus value is the mean of the per-example F-measures;</li>
 *   <li>the official SQuAD v1.1 {@code evaluate-v1.1.py} functions ({@code metric_max_over_ground_truths} of
 *       {@code exact_match_score} and {@code f1_score}, and {@code evaluate} for the corpus);</li>
 *   <li>scikit-learn 1.2.1 (Debian python3-sklearn): {@code accuracy_score}, {@code f1_score(average="macro")} and
 *       {@code f1_score(average=None, labels=sorted(set(gold) | set(predicted)))}.</li>
 * </ul>
 * The acceptance criterion asks for agreement to 0.01; we hold every value to 1e-9.
 */
class ReferenceValuesTest {
    private static final double TOLERANCE = 1e-9;
    private static JsonNode reference;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = ReferenceValuesTest.class.getResourceAsStream("/metrics/reference-values.json")) {
            reference = new ObjectMapper().readTree(in);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** References of a corpus pair; sacreBLEU's None entries were left out when the file was written. */
    private static List<List<String>> referenceLists(JsonNode pairs) {
        List<List<String>> out = new ArrayList<>();
        pairs.forEach(p -> out.add(strings(p.get("references"))));
        return out;
    }

    private static List<String> field(JsonNode pairs, String name) {
        List<String> out = new ArrayList<>();
        pairs.forEach(p -> out.add(p.get(name).asText()));
        return out;
    }

    @TestFactory
    Stream<DynamicTest> squadExamplesMatchTheOfficialScript() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode e : reference.get("squad").get("examples")) {
            String prediction = e.get("prediction").asText();
            List<String> refs = strings(e.get("references"));
            tests.add(dynamicTest("squad " + prediction + " vs " + refs, () -> {
                assertEquals(e.get("exact_match").asDouble(), SquadMetrics.maxExactMatch(prediction, refs), TOLERANCE);
                assertEquals(e.get("f1").asDouble(), SquadMetrics.maxF1(prediction, refs), TOLERANCE);
            }));
        }
        JsonNode examples = reference.get("squad").get("examples");
        tests.add(dynamicTest("squad corpus", () -> {
            SquadMetrics.Scores s = SquadMetrics.score(field(examples, "prediction"), referenceLists(examples));
            assertEquals(reference.get("squad").get("corpus").get("exact_match").asDouble(), s.exactMatch(), TOLERANCE);
            assertEquals(reference.get("squad").get("corpus").get("f1").asDouble(), s.f1(), TOLERANCE);
        }));
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> rougeExamplesMatchRougeScore() {
        List<DynamicTest> tests = new ArrayList<>();
        JsonNode examples = reference.get("rouge").get("examples");
        for (JsonNode e : examples) {
            String prediction = e.get("prediction").asText();
            List<String> refs = strings(e.get("references"));
            tests.add(dynamicTest("rouge " + prediction + " vs " + refs, () -> {
                RougeScorer.ExampleScores s = RougeScorer.scoreMulti(refs, prediction);
                assertEquals(e.get("rouge1").asDouble(), s.rouge1().fmeasure(), TOLERANCE);
                assertEquals(e.get("rouge2").asDouble(), s.rouge2().fmeasure(), TOLERANCE);
                assertEquals(e.get("rougeL").asDouble(), s.rougeL().fmeasure(), TOLERANCE);
            }));
        }
        tests.add(dynamicTest("rouge corpus mean", () -> {
            RougeScorer.Scores s = RougeScorer.score(field(examples, "prediction"), referenceLists(examples));
            JsonNode corpus = reference.get("rouge").get("corpus");
            assertEquals(corpus.get("rouge1").asDouble(), s.rouge1(), TOLERANCE);
            assertEquals(corpus.get("rouge2").asDouble(), s.rouge2(), TOLERANCE);
            assertEquals(corpus.get("rougeL").asDouble(), s.rougeL(), TOLERANCE);
        }));
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> corpusBleuAndChrfMatchSacreBleu() {
        List<DynamicTest> tests = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> corpora = reference.get("corpora").fields();
        while (corpora.hasNext()) {
            Map.Entry<String, JsonNode> corpus = corpora.next();
            JsonNode c = corpus.getValue();
            List<String> hyps = field(c.get("pairs"), "hypothesis");
            List<List<String>> refs = referenceLists(c.get("pairs"));
            tests.add(dynamicTest("corpus BLEU " + corpus.getKey(), () -> {
                SacreBleu.BleuScore b = SacreBleu.corpusBleu(hyps, refs);
                assertEquals(c.get("bleu").asDouble(), b.score(), TOLERANCE);
                assertEquals(c.get("bp").asDouble(), b.bp(), TOLERANCE);
                assertEquals(c.get("sys_len").asLong(), b.sysLen());
                assertEquals(c.get("ref_len").asLong(), b.refLen());
                for (int n = 0; n < SacreBleu.MAX_ORDER; n++) {
                    assertEquals(c.get("counts").get(n).asLong(), b.counts()[n], "matches of order " + (n + 1));
                    assertEquals(c.get("totals").get(n).asLong(), b.totals()[n], "n-grams of order " + (n + 1));
                }
            }));
            tests.add(dynamicTest("corpus chrF " + corpus.getKey(), () ->
                    assertEquals(c.get("chrf").asDouble(), ChrF.corpusChrf(hyps, refs), TOLERANCE)));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> sentenceBleuAndChrfMatchSacreBleu() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode s : reference.get("sentences")) {
            String hyp = s.get("hypothesis").asText();
            List<String> refs = strings(s.get("references"));
            tests.add(dynamicTest("sentence " + hyp + " vs " + refs, () -> {
                SacreBleu.BleuScore b = SacreBleu.sentenceBleu(hyp, refs);
                assertEquals(s.get("bleu").asDouble(), b.score(), TOLERANCE);
                assertEquals(s.get("bp").asDouble(), b.bp(), TOLERANCE);
                assertEquals(s.get("chrf").asDouble(), ChrF.sentenceChrf(hyp, refs), TOLERANCE);
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> tokenizer13aMatchesSacreBleu() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode t : reference.get("tokenizer_13a")) {
            tests.add(dynamicTest("13a " + t.get("input").asText(), () ->
                    assertEquals(t.get("output").asText(), SacreBleu.tokenize13a(t.get("input").asText()))));
        }
        return tests.stream();
    }
}
