package io.sparkdistill.teacher.prompt;

import io.sparkdistill.teacher.api.ChatMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdistill.ingest.TaskType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PromptTemplatesTest {
    static final List<String> NLI_LABELS = List.of("entailment", "neutral", "contradiction");

    static Map<String, String> sample(TaskType task) {
        return switch (task) {
            case NLI -> Map.of("premise", "A man is playing a guitar on stage.",
                    "hypothesis", "A man is performing music.");
            case CLASSIFICATION -> Map.of("text", "I was charged twice for my subscription this month.");
            case CONVERSATION -> Map.of("messages", """
                    [{"role": "user", "content": "My order #123 has not arrived."},
                     {"role": "assistant", "content": "Sorry to hear that. When did you place it?"},
                     {"role": "user", "content": "Two weeks ago, on the 3rd."}]""");
            case QA -> Map.of("context", "The Eiffel Tower was completed in 1889 for the World's Fair.",
                    "question", "When was the Eiffel Tower completed?");
            case MATH -> Map.of("question", "Natalia sold 48 clips in April and half as many in May. How many in all?");
            case SUMMARISATION -> Map.of("document", "The city council voted on Tuesday to extend the bus network"
                    + " to the northern suburbs. Construction starts in spring and should take two years.");
        };
    }

    static List<String> labels(TaskType task) {
        return task == TaskType.CLASSIFICATION ? List.of("billing", "shipping", "other") : NLI_LABELS;
    }

    @ParameterizedTest
    @EnumSource(TaskType.class)
    void everyBuiltInTemplateRendersItsSampleExampleAndCarriesItsVersion(TaskType task) {
        PromptTemplate template = PromptTemplates.load(task);
        assertEquals(task.configName() + "-v1", template.version());
        assertEquals(task, template.task());
        assertEquals("classpath:prompts/" + task.configName() + ".yaml", template.source());

        List<ChatMessage> messages = template.render(sample(task), labels(task));
        assertEquals(ChatMessage.SYSTEM, messages.get(0).role());
        assertEquals(ChatMessage.USER, messages.get(messages.size() - 1).role());
        for (ChatMessage m : messages) {
            assertFalse(m.content().isBlank(), m.toString());
            assertFalse(m.content().matches("(?s).*\\{[a-z_]+}.*"), "unfilled placeholder in " + m);
        }
        if (task != TaskType.CONVERSATION) {
            String user = messages.get(messages.size() - 1).content();
            for (String field : task.inputFields()) {
                assertTrue(user.contains(sample(task).get(field)), field + " missing from: " + user);
            }
        }
    }

    @Test
    void labelTasksListTheLabelsInTheUserMessage() {
        String user = PromptTemplates.load("nli").render(sample(TaskType.NLI), NLI_LABELS).get(1).content();
        assertTrue(user.contains("entailment, neutral, contradiction"), user);
        assertTrue(user.endsWith("Reply with the label only, with no other words."), user);
    }

    @Test
    void mathAsksForTheFinalAnswerOnTheLastLine() {
        String user = PromptTemplates.load(TaskType.MATH).render(sample(TaskType.MATH), List.of()).get(1).content();
        assertTrue(user.contains("#### <number>"), user);
    }

    @Test
    void aConversationIsPassedThroughAfterTheSystemPrompt() {
        List<ChatMessage> messages = PromptTemplates.load(TaskType.CONVERSATION)
                .render(sample(TaskType.CONVERSATION), List.of());
        assertEquals(4, messages.size());
        assertEquals(List.of("system", "user", "assistant", "user"), messages.stream().map(ChatMessage::role).toList());
        assertEquals("Two weeks ago, on the 3rd.", messages.get(3).content());
    }

    @Test
    void aConversationWithItsOwnSystemMessageKeepsIt() {
        List<ChatMessage> messages = PromptTemplates.load(TaskType.CONVERSATION).render(Map.of("messages",
                "[{\"role\":\"system\",\"content\":\"You are Acme's agent.\"},{\"role\":\"user\",\"content\":\"Hi\"}]"),
                List.of());
        assertEquals(List.of(ChatMessage.system("You are Acme's agent."), ChatMessage.user("Hi")), messages);
    }

    @Test
    void aConversationEndingWithTheAssistantIsRejected() {
        PromptTemplateException e = assertThrows(PromptTemplateException.class, () ->
                PromptTemplates.load(TaskType.CONVERSATION).render(Map.of("messages",
                        "[{\"role\":\"user\",\"content\":\"Hi\"},{\"role\":\"assistant\",\"content\":\"Hello\"}]"),
                        List.of()));
        assertTrue(e.getMessage().contains("must end with a user message"), e.getMessage());
        assertTrue(e.getMessage().contains("classpath:prompts/conversation.yaml"), e.getMessage());
    }

    @Test
    void rationaleModeAsksForJsonAndRecordsADistinctVersion() {
        PromptTemplate plain = PromptTemplates.load(TaskType.NLI);
        PromptTemplate rationale = plain.withRationale(true);
        assertEquals("nli-v1+rationale", rationale.version());
        assertEquals("nli-v1", rationale.baseVersion());
        assertNotEquals(plain.fingerprint(), rationale.fingerprint());
        String user = rationale.render(sample(TaskType.NLI), NLI_LABELS).get(1).content();
        assertTrue(user.contains("{\"reason\": \"<one or two sentences"), user);
        assertTrue(user.contains("<exactly one label from: entailment, neutral, contradiction>"), user);
        assertFalse(user.contains("label only"), user);
        assertSame(plain, plain.withRationale(false));
    }

    @Test
    void rationaleModeNeedsARationaleFormat() {
        PromptTemplateException e = assertThrows(PromptTemplateException.class,
                () -> PromptTemplates.load(TaskType.CONVERSATION).withRationale(true));
        assertTrue(e.getMessage().contains("rationale_format"), e.getMessage());
    }

    @Test
    void anOverrideFileReplacesTheBuiltInOne(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("my-nli.yaml");
        Files.writeString(file, """
                version: acme-nli-v3
                task: nli
                user: "P: {premise} | H: {hypothesis} | one of {labels}"
                """);
        PromptTemplate template = PromptTemplates.resolve(TaskType.NLI, file.toString());
        assertEquals("acme-nli-v3", template.version());
        assertEquals(file.toString(), template.source());
        assertEquals(List.of(ChatMessage.user("P: A man is playing a guitar on stage. | H: A man is performing music."
                + " | one of entailment, neutral, contradiction")), template.render(sample(TaskType.NLI), NLI_LABELS));
        assertEquals("nli-v1", PromptTemplates.resolve(TaskType.NLI, null).version());
        assertEquals("nli-v1", PromptTemplates.resolve(TaskType.NLI, "classpath:prompts/nli.yaml").version());
    }

    @Test
    void anOverrideWrittenForAnotherTaskIsRejected(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("qa.yaml");
        Files.writeString(file, "version: qa-x\ntask: qa\nuser: \"{context} {question}\"\n");
        PromptTemplateException e = assertThrows(PromptTemplateException.class,
                () -> PromptTemplates.resolve(TaskType.NLI, file.toString()));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("'qa'")
                && e.getMessage().contains("'nli'"), e.getMessage());
    }

    @Test
    void aMissingFieldFailsNamingTheTemplateAndThePlaceholder() {
        PromptTemplateException e = assertThrows(PromptTemplateException.class, () ->
                PromptTemplates.load(TaskType.NLI).render(Map.of("premise", "A man sings."), NLI_LABELS));
        assertEquals("prompt template classpath:prompts/nli.yaml: placeholder {hypothesis} has no value:"
                + " the example's field 'hypothesis' is missing (fields present: [premise])", e.getMessage());
    }

    @Test
    void anUnknownPlaceholderFailsAtLoadNamingTheFileAndThePlaceholder(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("typo.yaml");
        Files.writeString(file, "version: qa-v9\ntask: qa\nuser: \"{context}\\n{questoin}\"\n");
        PromptTemplateException e = assertThrows(PromptTemplateException.class, () -> PromptTemplates.load(file));
        assertEquals("prompt template " + file + ": unknown placeholder {questoin} in 'user'; a qa template may use"
                + " [{context}, {question}]", e.getMessage());
    }

    @Test
    void labelsAreNotAPlaceholderOfGenerativeTasks() {
        PromptTemplateException e = assertThrows(PromptTemplateException.class, () -> PromptTemplates.parse(
                "version: m1\ntask: math\nuser: \"{question} {labels}\"\n", "inline.yaml"));
        assertTrue(e.getMessage().startsWith("prompt template inline.yaml: unknown placeholder {labels}"),
                e.getMessage());
    }

    @Test
    void aLabelTaskWithoutLabelsFailsClearly() {
        PromptTemplateException e = assertThrows(PromptTemplateException.class, () ->
                PromptTemplates.load(TaskType.CLASSIFICATION).render(sample(TaskType.CLASSIFICATION), List.of()));
        assertTrue(e.getMessage().contains("needs the job's label set"), e.getMessage());
    }

    @Test
    void jsonBracesInTheTextAreLiteralAndFieldValuesAreNotExpandedAgain() {
        PromptTemplate t = PromptTemplates.parse(
                "version: q1\ntask: qa\nuser: 'Q: {question} C: {context} as {\"answer\": \"x\"}'\n", "inline");
        assertEquals("Q: what is {context}? C: ctx as {\"answer\": \"x\"}",
                t.render(Map.of("question", "what is {context}?", "context", "ctx"), List.of()).get(0).content());
    }

    @Test
    void badFilesAreRejectedNamingTheKey() {
        assertTrue(assertThrows(PromptTemplateException.class, () -> PromptTemplates.parse(
                "version: q1\ntask: qa\nuser: x\nsytem: y\n", "f.yaml")).getMessage()
                .contains("unknown key(s) [sytem]"));
        assertTrue(assertThrows(PromptTemplateException.class, () -> PromptTemplates.parse(
                "task: qa\nuser: x\n", "f.yaml")).getMessage().contains("'version' is 'null'"));
        assertTrue(assertThrows(PromptTemplateException.class, () -> PromptTemplates.parse(
                "version: v1\ntask: poetry\nuser: x\n", "f.yaml")).getMessage().contains("unknown task 'poetry'"));
        assertTrue(assertThrows(PromptTemplateException.class, () -> PromptTemplates.loadResource(
                "prompts/none.yaml")).getMessage().contains("classpath:prompts/none.yaml: no such resource"));
    }

    @Test
    void promptTasksMatchTheIngestTaskTypes() {
        for (TaskType type : TaskType.values()) {
            assertEquals(type.configName(), type.configName());
        }
        assertEquals(TaskType.SUMMARISATION, TaskType.fromConfigName("summarization"));
    }

    @Test
    void aTemplateSurvivesJavaSerialisationForShippingToExecutors() throws Exception {
        PromptTemplate template = PromptTemplates.load(TaskType.QA).withRationale(true);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(template);
        }
        PromptTemplate copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (PromptTemplate) in.readObject();
        }
        assertEquals(template.fingerprint(), copy.fingerprint());
        assertEquals(template.render(sample(TaskType.QA), List.of()), copy.render(sample(TaskType.QA), List.of()));
    }
}
