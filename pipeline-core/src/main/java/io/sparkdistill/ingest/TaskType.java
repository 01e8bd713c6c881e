package io.sparkdistill.ingest;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The kinds of task a job distils (the source document's five plus plain text classification), each with the input
 * fields an example carries and the field that holds its gold answer: the names and the input schema. What a task
 * means beyond its schema (prompts, answer checks, metrics, students) is its strategy's, in
 * {@code io.sparkdistill.task}.
 */
public enum TaskType {
    /** Plain text classification: one text, one label from the job's label set. */
    CLASSIFICATION(List.of("text"), "label"),
    /** Natural-language inference: does the premise entail, contradict or say nothing about the hypothesis. */
    NLI(List.of("premise", "hypothesis"), "label"),
    /**
     * A multi-turn conversation: {@code messages} holds a JSON array of {@code {"role", "content"}} objects ending
     * with a user turn; the gold answer is a good next assistant reply.
     */
    CONVERSATION(List.of("messages"), "reference"),
    /** A question answered from a context passage; the gold answers are a JSON array of acceptable answers. */
    QA(List.of("context", "question"), "answers"),
    /** A word problem solved step by step, ending with a final numeric answer. */
    MATH(List.of("question"), "answer"),
    /** A document and its summary. */
    SUMMARISATION(List.of("document"), "summary");

    private final List<String> inputFields;
    private final String goldField;

    TaskType(List<String> inputFields, String goldField) {
        this.inputFields = inputFields;
        this.goldField = goldField;
    }

    /** The input fields in the order the teacher and the student read them. */
    public List<String> inputFields() {
        return inputFields;
    }

    /** The field of an input row that holds the gold answer. */
    public String goldField() {
        return goldField;
    }

    /** The name used in configs, data and prompt templates ("classification", "nli", "qa", "summarisation", ...). */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The task of a config name; "summarization" is accepted as well as "summarisation". */
    public static TaskType fromConfigName(String name) {
        String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        if (key.equals("summarization")) {
            return SUMMARISATION;
        }
        for (TaskType t : values()) {
            if (t.configName().equals(key)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown task '" + name + "'; expected one of "
                + Arrays.stream(values()).map(TaskType::configName).toList());
    }
}
