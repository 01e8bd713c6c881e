package io.sparkdistill.teacher.prompt;

import io.sparkdistill.ingest.TaskType;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The task a prompt template is written for, with the example fields its placeholders may name.
 *
 * <p>This is the prompt package's own key, not {@link TaskType}: today {@code TaskType} knows only classification
 * and nli, and the generative tasks will be added to it later. {@link #of(TaskType)} maps between them; the config
 * names ({@link #configName()}) are meant to be the same strings {@code TaskType} will use.
 */
public enum PromptTask {
    /** One text, one label from the job's label set. */
    CLASSIFICATION(List.of("text"), true),
    /** Premise and hypothesis, one label (entailment, neutral, contradiction or the job's own set). */
    NLI(List.of("premise", "hypothesis"), true),
    /**
     * A multi-turn conversation passed through: field {@code messages} holds a JSON array of
     * {@code {"role": ..., "content": ...}} objects ending with a user turn; the teacher writes the next reply.
     */
    CONVERSATION(List.of("messages"), false),
    /** A question answered from a context passage. */
    QA(List.of("context", "question"), false),
    /** A word problem solved step by step, ending with a final numeric answer. */
    MATH(List.of("question"), false),
    /** A summary of a document, shorter than it. */
    SUMMARISATION(List.of("document"), false);

    /** The placeholder that renders the job's label set, for label tasks only. */
    public static final String LABELS = "labels";

    private final List<String> inputFields;
    private final boolean labelTask;

    PromptTask(List<String> inputFields, boolean labelTask) {
        this.inputFields = inputFields;
        this.labelTask = labelTask;
    }

    /** The example fields a template for this task may use as placeholders. */
    public List<String> inputFields() {
        return inputFields;
    }

    /** True for tasks whose answer is one label of a fixed set (classification, nli). */
    public boolean labelTask() {
        return labelTask;
    }

    /** The name used in template files, configs and data: "nli", "qa", "summarisation", ... */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The task of a config name; "summarization" is accepted as well as "summarisation". */
    public static PromptTask fromConfigName(String name) {
        String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        if (key.equals("summarization")) {
            return SUMMARISATION;
        }
        for (PromptTask t : values()) {
            if (t.configName().equals(key)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown task '" + name + "'; expected one of "
                + Arrays.stream(values()).map(PromptTask::configName).toList());
    }

    /** The prompt task of an ingest task type, matched by config name. */
    public static PromptTask of(TaskType type) {
        return fromConfigName(type.configName());
    }
}
