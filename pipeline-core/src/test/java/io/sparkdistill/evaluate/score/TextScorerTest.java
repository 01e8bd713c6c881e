package io.sparkdistill.evaluate.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdistill.ingest.TaskType;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextScorerTest {
    private static final double TOLERANCE = 1e-9;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode score(TaskType task, String predictions, String references) throws IOException {
        return JSON.readTree(TextScorer.score(task, new StringReader(predictions), "p.jsonl",
                new StringReader(references), "r.jsonl"));
    }

    private static IllegalArgumentException failure(TaskType task, String predictions, String references) {
        return assertThrows(IllegalArgumentException.class, () -> score(task, predictions, references));
    }

    @Test
    void scoresQaLikeTheSquadScript(@TempDir Path dir) throws IOException {
        // SQuAD v1.1 script: EM per example 1, 0, 0 and F1 1, 2/3, 0 (see reference-values.json) -> means x 100
        Path p = dir.resolve("p.jsonl");
        Path r = dir.resolve("r.jsonl");
        Files.writeString(p, """
                {"id": "q2", "prediction": "in 1889."}
                {"id": "q1", "prediction": "The Eiffel Tower"}

                {"id": "q3", "prediction": ""}
                """, StandardCharsets.UTF_8);
        Files.writeString(r, """
                {"id": "q1", "references": ["Eiffel Tower", "the tower"]}
                {"id": "q2", "references": ["1889"]}
                {"id": "q3", "references": ["Paris"], "context": "ignored"}
                """, StandardCharsets.UTF_8);

        JsonNode out = JSON.readTree(TextScorer.score(TaskType.fromConfigName("qa"), p, r));

        assertEquals("qa", out.get("task").asText());
        assertEquals(3, out.get("count").asInt());
        assertEquals(100.0 / 3, out.get("exact_match").asDouble(), TOLERANCE);
        assertEquals(100.0 * (1 + 2.0 / 3) / 3, out.get("f1").asDouble(), TOLERANCE);
    }

    @Test
    void scoresSummarisationLikeRougeScore() throws IOException {
        // rouge-score's own README example; our run of rouge_scorer.py printed the same F-measures
        JsonNode out = score(TaskType.fromConfigName("summarization"),
                "{\"id\": 1, \"prediction\": \"The quick brown dog jumps on the log.\"}",
                "{\"id\": \"1\", \"references\": [\"The quick brown fox jumps over the lazy dog\"]}");

        assertEquals("summarisation", out.get("task").asText());
        assertEquals(0.7058823529411765, out.get("rouge1").asDouble(), TOLERANCE);
        assertEquals(0.26666666666666666, out.get("rouge2").asDouble(), TOLERANCE);
        assertEquals(0.5882352941176471, out.get("rougeL").asDouble(), TOLERANCE);
    }

    @Test
    void scoresConversationLikeSacreBleu() throws IOException {
        // corpus "single_ref_punctuation" of reference-values.json: sacreBLEU 2.6.0 printed these
        JsonNode out = score(TaskType.CONVERSATION, """
                {"id": "a", "prediction": "The cat sat on the mat."}
                {"id": "b", "prediction": "It costs $1,000.50 -- or 3-4 times more!"}
                {"id": "c", "prediction": "He said &quot;hi&quot; &amp; left (quickly)."}
                """, """
                {"id": "c", "references": ["He said \\"hi\\" & left quickly."]}
                {"id": "b", "references": ["It costs $1,000.50, or 3-4 times more."]}
                {"id": "a", "references": ["The cat sat on a mat."]}
                """);

        assertEquals(59.926747206184125, out.get("bleu").asDouble(), TOLERANCE);
        assertEquals(66.82786394385471, out.get("chrf").asDouble(), TOLERANCE);
    }

    @Test
    void scoresMathByFinalAnswer() throws IOException {
        JsonNode out = score(TaskType.MATH, """
                {"id": 1, "prediction": "48 + 24 = 72. The answer is 72."}
                {"id": 2, "prediction": "So she pays \\\\boxed{1000.0} dollars."}
                {"id": 3, "prediction": "I think 5"}
                {"id": 4, "prediction": "no idea"}
                """, """
                {"id": 1, "references": ["Natalia sold 48+24 = 72 clips.\\n#### 72"]}
                {"id": 2, "references": ["#### 1,000"]}
                {"id": 3, "references": ["6"]}
                {"id": 4, "references": ["#### 4"]}
                """);

        assertEquals(50.0, out.get("exact_match").asDouble(), TOLERANCE);
    }

    @Test
    void scoresNliLikeScikitLearn() throws IOException {
        // scikit-learn 1.2.1, first classification case of reference-values.json: a predicted label ("maybe") that is
        // never gold still counts among the macro-averaged labels, as in sklearn's default labels
        List<String> gold = List.of("entailment", "neutral", "contradiction", "entailment", "neutral",
                "contradiction", "entailment");
        List<String> predicted = List.of("entailment", "contradiction", "contradiction", "neutral", "neutral",
                "maybe", "entailment");
        String p = IntStream.range(0, gold.size())
                .mapToObj(i -> "{\"id\": " + i + ", \"prediction\": \"" + predicted.get(i) + "\"}")
                .collect(Collectors.joining("\n"));
        String r = IntStream.range(0, gold.size())
                .mapToObj(i -> "{\"id\": " + i + ", \"label\": \"" + gold.get(i) + "\"}")
                .collect(Collectors.joining("\n"));

        JsonNode out = score(TaskType.NLI, p, r);

        assertEquals(0.5714285714285714, out.get("accuracy").asDouble(), TOLERANCE);
        assertEquals(0.45, out.get("macro_f1").asDouble(), TOLERANCE);
        JsonNode perClass = out.get("per_class_f1");
        assertEquals(List.of("contradiction", "entailment", "maybe", "neutral"),
                List.copyOf(iterable(perClass)));
        assertEquals(0.5, perClass.get("contradiction").asDouble(), TOLERANCE);
        assertEquals(0.8, perClass.get("entailment").asDouble(), TOLERANCE);
        assertEquals(0.0, perClass.get("maybe").asDouble(), TOLERANCE);
        assertEquals(0.5, perClass.get("neutral").asDouble(), TOLERANCE);
    }

    private static List<String> iterable(JsonNode object) {
        List<String> names = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void missingIdsAreListedWithTheirCounts() {
        String predictions = IntStream.range(0, 15)
                .mapToObj(i -> "{\"id\": \"p" + i + "\", \"prediction\": \"x\"}")
                .collect(Collectors.joining("\n"));
        String references = "{\"id\": \"p0\", \"references\": [\"x\"]}\n{\"id\": \"r1\", \"references\": [\"x\"]}";

        String message = failure(TaskType.QA, predictions, references).getMessage();

        assertTrue(message.contains("p.jsonl: 15 ids, r.jsonl: 2 ids"), message);
        assertTrue(message.contains("1 id(s) of r.jsonl have no prediction: [\"r1\"]"), message);
        assertTrue(message.contains("14 id(s) of p.jsonl have no reference: [\"p1\", \"p2\", \"p3\", \"p4\", \"p5\", "
                + "\"p6\", \"p7\", \"p8\", \"p9\", \"p10\", ...]"), message);
    }

    @Test
    void aMalformedLineIsNamedByFileAndLine() {
        String references = "{\"id\": \"a\", \"references\": [\"x\"]}";
        assertEquals("p.jsonl line 2: not valid JSON",
                failure(TaskType.QA, "{\"id\": \"a\", \"prediction\": \"x\"}\n{\"id\": \"b\", \"predic",
                        references).getMessage().replaceAll(" \\(.*", ""));
        assertTrue(failure(TaskType.QA, "[1, 2]", references).getMessage()
                .startsWith("p.jsonl line 1: expected a JSON object but found array"));
        assertTrue(failure(TaskType.QA, "{\"id\": \"a\", \"prediction\": 3}", references).getMessage()
                .startsWith("p.jsonl line 1: \"prediction\" must be a string but was number 3"));
        assertTrue(failure(TaskType.QA, "{\"id\": null, \"prediction\": \"x\"}", references).getMessage()
                .startsWith("p.jsonl line 1: \"id\" must be a string or an integer"));
        assertTrue(failure(TaskType.QA, "{\"id\": \"a\", \"prediction\": \"x\"}", "{\"id\": \"a\", \"references\": []}")
                .getMessage().startsWith("r.jsonl line 1: \"references\" must be a non-empty array of strings"));
        assertTrue(failure(TaskType.NLI, "{\"id\": \"a\", \"prediction\": \"x\"}", references)
                .getMessage().startsWith("r.jsonl line 1: \"label\" must be a string but was missing"));
        assertTrue(failure(TaskType.QA, "{\"id\": \"a\", \"prediction\": \"x\"}\n{\"id\": \"a\", \"prediction\": \"y\"}",
                references).getMessage().equals("p.jsonl line 2: id \"a\" appears more than once"));
    }

    @Test
    void rejectsEmptyInputsUnknownTasksAndReferencesWithoutAnAnswer() {
        assertTrue(failure(TaskType.QA, "", "\n").getMessage().startsWith("no examples to score"));
        assertThrows(IllegalArgumentException.class, () -> TaskType.fromConfigName("translation"));
        assertTrue(failure(TaskType.MATH, "{\"id\": 1, \"prediction\": \"4\"}",
                "{\"id\": 1, \"references\": [\"four\"]}").getMessage()
                .equals("r.jsonl: a reference of id \"1\" has no numeric answer"));
    }
}
