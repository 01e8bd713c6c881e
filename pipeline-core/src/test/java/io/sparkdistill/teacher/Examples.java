package io.sparkdistill.teacher;

import io.sparkdistill.ingest.Example;
import io.sparkdistill.ingest.ExampleId;
import io.sparkdistill.ingest.Split;
import io.sparkdistill.ingest.TaskType;

import java.util.Map;

/** Builds test examples the way ingest does, so ids are real. */
final class Examples {
    private Examples() {
    }

    static Example classification(String text, String label) {
        Map<String, String> inputs = Map.of("text", text);
        return new Example(ExampleId.of(TaskType.CLASSIFICATION, Split.TEST, inputs, label), TaskType.CLASSIFICATION,
                Split.TEST, inputs, label, "test.jsonl", 1);
    }

    static Example nli(String premise, String hypothesis, String label) {
        Map<String, String> inputs = Map.of("premise", premise, "hypothesis", hypothesis);
        return new Example(ExampleId.of(TaskType.NLI, Split.TEST, inputs, label), TaskType.NLI, Split.TEST, inputs,
                label, "test.jsonl", 1);
    }
}
