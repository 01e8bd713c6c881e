package io.sparkdistill.jobs.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdistill.ingest.Split;
import io.sparkdistill.ingest.TaskType;
import io.sparkdistill.jobs.InputException;
import io.sparkdistill.jobs.RunLayout;
import io.sparkdistill.jobs.SharedSpark;
import io.sparkdistill.teacher.prompt.PromptTemplates;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.sparkdistill.jobs.export.ExportFixtures.NLI_LABELS;
import static io.sparkdistill.jobs.export.ExportFixtures.example;
import static io.sparkdistill.jobs.export.ExportFixtures.lines;
import static io.sparkdistill.jobs.export.ExportFixtures.partFiles;
import static io.sparkdistill.jobs.export.ExportFixtures.row;
import static io.sparkdistill.jobs.export.ExportFixtures.writeSynthetic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChatFineTuneExportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SparkSession spark = SharedSpark.session();

    private static List<String> roles(JsonNode line) {
        List<String> roles = new ArrayList<>();
        line.get("messages").forEach(m -> roles.add(m.get("role").asText()));
        return roles;
    }

    private static String content(JsonNode line, int i) {
        return line.get("messages").get(i).get("content").asText();
    }

    private static JsonNode lineOf(List<String> lines, String text) throws Exception {
        for (String l : lines) {
            if (l.contains(text)) {
                return JSON.readTree(l);
            }
        }
        throw new AssertionError("no exported line contains '" + text + "' in " + lines);
    }

    @Test
    void labelRowsBecomeSystemUserAssistantWithTheTeacherLabelAsTheAnswer(@TempDir Path dir) throws Exception {
        RunLayout layout = new RunLayout(dir.resolve("run").toString());
        Map<String, String> cats = Map.of("premise", "A cat sleeps on the mat.", "hypothesis", "An animal rests.");
        Map<String, String> dogs = Map.of("premise", "A dog barks.", "hypothesis", "The dog is silent.");
        Map<String, String> rain = Map.of("premise", "It rains.", "hypothesis", "The street is wet.");
        writeSynthetic(spark, layout, List.of(
                row(example("e1", TaskType.NLI, Split.TRAIN, cats, "entailment"), "entailment", null, "nli-v1"),
                row(example("e2", TaskType.NLI, Split.TRAIN, dogs, "contradiction"), "contradiction",
                        "Barking is not silence.", "nli-v1+rationale"),
                row(example("e3", TaskType.NLI, Split.VALIDATION, rain, "neutral"), "neutral", null, null)));

        Map<Split, Long> written = ChatFineTuneExport.write(spark, layout, PromptTemplates.load(TaskType.NLI),
                NLI_LABELS, List.of(Split.TRAIN, Split.VALIDATION), true);

        assertEquals(Map.of(Split.TRAIN, 2L, Split.VALIDATION, 1L), written);
        String trainFolder = ChatFineTuneExport.folder(layout, Split.TRAIN);
        assertTrue(trainFolder.endsWith("/export/chat/train"), trainFolder);
        assertEquals(1, partFiles(trainFolder).size(), "coalesced to one part file");
        List<String> train = lines(trainFolder);

        JsonNode plain = lineOf(train, "A cat sleeps");
        assertEquals(List.of("system", "user", "assistant"), roles(plain));
        assertTrue(content(plain, 1).contains("Hypothesis: An animal rests."), content(plain, 1));
        assertTrue(content(plain, 1).contains("entailment, neutral, contradiction"), content(plain, 1));
        assertTrue(content(plain, 1).contains("label only"), "the normal answer format: " + content(plain, 1));
        assertEquals("entailment", content(plain, 2));

        JsonNode reasoned = lineOf(train, "A dog barks");
        assertTrue(content(reasoned, 1).contains("JSON object"), "rationale prompt: " + content(reasoned, 1));
        JsonNode answer = JSON.readTree(content(reasoned, 2));
        assertEquals("Barking is not silence.", answer.get("reason").asText());
        assertEquals("contradiction", answer.get("answer").asText());

        JsonNode validation = JSON.readTree(lines(ChatFineTuneExport.folder(layout, Split.VALIDATION)).get(0));
        assertEquals("neutral", content(validation, 2));
    }

    @Test
    void mathAnswersAreTheWholeSolution(@TempDir Path dir) throws Exception {
        RunLayout layout = new RunLayout(dir.resolve("run").toString());
        String solution = "3 boxes of 4 apples is 3 * 4 = 12.\n#### 12";
        writeSynthetic(spark, layout, List.of(
                row(example("m1", TaskType.MATH, Split.TRAIN, Map.of("question", "3 boxes of 4 apples?"), "12"),
                        "12", solution, "math-v1")));

        ChatFineTuneExport.write(spark, layout, PromptTemplates.load(TaskType.MATH), List.of(),
                List.of(Split.TRAIN), false);

        JsonNode math = lineOf(lines(ChatFineTuneExport.folder(layout, Split.TRAIN)), "3 boxes");
        assertEquals(List.of("system", "user", "assistant"), roles(math));
        assertEquals(solution, content(math, 2));
    }

    @Test
    void conversationsKeepTheirTurnsAndEndWithTheTeacherReply(@TempDir Path dir) throws Exception {
        RunLayout layout = new RunLayout(dir.resolve("run").toString());
        String conversation = "[{\"role\": \"user\", \"content\": \"Hi!\"}, {\"role\": \"assistant\", \"content\": "
                + "\"Hello, how can I help?\"}, {\"role\": \"user\", \"content\": \"Name a prime.\"}]";
        writeSynthetic(spark, layout, List.of(
                row(example("c1", TaskType.CONVERSATION, Split.TRAIN, Map.of("messages", conversation), "7"),
                        "7 is prime.", null, "conversation-v1")));

        ChatFineTuneExport.write(spark, layout, PromptTemplates.load(TaskType.CONVERSATION), List.of(),
                List.of(Split.TRAIN), false);

        JsonNode chat = lineOf(lines(ChatFineTuneExport.folder(layout, Split.TRAIN)), "Name a prime");
        List<String> roles = roles(chat);
        assertEquals(List.of("user", "assistant", "user", "assistant"), roles.subList(roles.size() - 4, roles.size()));
        assertEquals("Hi!", content(chat, roles.size() - 4));
        assertEquals("7 is prime.", content(chat, roles.size() - 1));
    }

    @Test
    void aSplitWithoutRowsIsWrittenEmpty(@TempDir Path dir) {
        RunLayout layout = new RunLayout(dir.resolve("run").toString());
        writeSynthetic(spark, layout, List.of(row(example("e1", TaskType.NLI, Split.TRAIN,
                Map.of("premise", "p", "hypothesis", "h"), "neutral"), "neutral", null, "nli-v1")));

        Map<Split, Long> written = ChatFineTuneExport.write(spark, layout, PromptTemplates.load(TaskType.NLI),
                NLI_LABELS, List.of(Split.TEST), true);

        assertEquals(Map.of(Split.TEST, 0L), written);
        assertTrue(lines(ChatFineTuneExport.folder(layout, Split.TEST)).isEmpty());
    }

    @Test
    void aRunWithoutSyntheticDataIsRefusedNamingTheFolder(@TempDir Path dir) {
        RunLayout layout = new RunLayout(dir.resolve("empty-run").toString());
        InputException e = assertThrows(InputException.class, () -> ChatFineTuneExport.write(spark,
                layout, PromptTemplates.load(TaskType.NLI), NLI_LABELS, List.of(Split.TRAIN), true));
        assertTrue(e.getMessage().contains(layout.synthetic()), e.getMessage());
        assertFalse(e.getMessage().isBlank());
    }
}
