package io.sparkdistill.ingest;

import java.util.List;
import java.util.Locale;

/** The kinds of task a job distils, each with the input fields an example of it must carry. */
public enum TaskType {
    /** Plain text classification: one text, one label from the job's label set. */
    CLASSIFICATION(List.of("text")),
    /** Natural-language inference: does the premise entail, contradict or say nothing about the hypothesis. */
    NLI(List.of("premise", "hypothesis"));

    private final List<String> inputFields;

    TaskType(List<String> inputFields) {
        this.inputFields = inputFields;
    }

    /** The input fields in the order the teacher and the student read them. */
    public List<String> inputFields() {
        return inputFields;
    }

    /** The name used in configs and data ("classification", "nli"). */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TaskType fromConfigName(String name) {
        for (TaskType t : values()) {
            if (t.configName().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown task '" + name + "'; expected one of "
                + java.util.Arrays.stream(values()).map(TaskType::configName).toList());
    }
}
