package io.sparkdistill.ingest;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One validated input example.
 *
 * @param id     stable content hash (see {@link ExampleId})
 * @param task   the task it belongs to
 * @param split  train, validation or test
 * @param inputs the task's input fields by name ({@link TaskType#inputFields()}), never null or blank
 * @param label  the gold label, one of the job's labels
 * @param sourceFile where it was read from
 * @param sourceLine its 1-based line (JSONL) or row (Parquet) number in that file
 */
public record Example(String id, TaskType task, Split split, Map<String, String> inputs, String label,
                      String sourceFile, long sourceLine) implements Serializable {

    public Example {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(split, "split");
        inputs = Map.copyOf(inputs);
    }

    /** The input texts in the task's field order: what teachers and students read. */
    public List<String> segments() {
        return task.inputFields().stream().map(inputs::get).toList();
    }
}
