package io.sparkdistill.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks one input row against its task's schema and the job's label set. Rows come as JSON Lines text or as
 * already-typed values (from Parquet); both paths give the same verdicts and messages.
 */
public final class ExampleParser implements Serializable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RAW_LIMIT = 500;

    private final TaskType task;
    private final List<String> labels;
    private final Set<String> labelSet;

    public ExampleParser(TaskType task, List<String> labels) {
        this.task = task;
        this.labels = List.copyOf(labels);
        this.labelSet = Set.copyOf(labels);
    }

    /** Reads one line of a JSONL file. */
    public ParsedRow parseJsonLine(String line, Split split, String file, long lineNumber) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return reject(file, lineNumber, split, QuarantineReason.MALFORMED_JSON, null,
                    "not valid JSON (" + e.getOriginalMessage() + ")", line);
        }
        if (node == null || !node.isObject()) {
            return reject(file, lineNumber, split, QuarantineReason.MALFORMED_JSON, null,
                    "expected a JSON object per line, found " + (node == null ? "nothing" : node.getNodeType()),
                    line);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (String field : requiredFields()) {
            JsonNode value = node.get(field);
            values.put(field, value == null || value.isNull() ? null : value.isTextual() ? value.textValue() : value);
        }
        return check(values, split, file, lineNumber, line);
    }

    /** Reads one row whose columns are already typed (a Parquet row); {@code values} maps column to value. */
    public ParsedRow parseValues(Map<String, ?> values, Split split, String file, long rowNumber) {
        return check(values, split, file, rowNumber, String.valueOf(values));
    }

    /** The fields every row of this task must carry: the task's inputs, then {@code label}. */
    public List<String> requiredFields() {
        List<String> fields = new ArrayList<>(task.inputFields());
        fields.add("label");
        return fields;
    }

    private ParsedRow check(Map<String, ?> values, Split split, String file, long line, String raw) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (String field : requiredFields()) {
            Object value = values.get(field);
            if (value == null) {
                return reject(file, line, split, QuarantineReason.MISSING_FIELD, field,
                        "required field is missing; every " + task.configName() + " row needs "
                                + requiredFields(), raw);
            }
            if (!(value instanceof String text)) {
                return reject(file, line, split, QuarantineReason.WRONG_TYPE, field,
                        "expected text, found " + describeType(value) + " " + abbreviate(String.valueOf(value)), raw);
            }
            if (text.isBlank()) {
                return reject(file, line, split, QuarantineReason.EMPTY_FIELD, field, "is empty", raw);
            }
            texts.put(field, text.strip());
        }
        String label = texts.remove("label");
        if (!labelSet.contains(label)) {
            return reject(file, line, split, QuarantineReason.UNKNOWN_LABEL, "label",
                    "'" + abbreviate(label) + "' is not one of the job's labels " + labels, raw);
        }
        String id = ExampleId.of(task, split, texts, label);
        return new ParsedRow.Valid(new Example(id, task, split, texts, label, file, line));
    }

    private static String describeType(Object value) {
        if (value instanceof JsonNode node) {
            return node.getNodeType().name().toLowerCase();
        }
        return value.getClass().getSimpleName().toLowerCase();
    }

    private static ParsedRow reject(String file, long line, Split split, QuarantineReason reason, String field,
                                    String message, String raw) {
        return new ParsedRow.Rejected(new QuarantinedRow(file, line, split, reason, field, message, abbreviate(raw)));
    }

    private static String abbreviate(String s) {
        return s.length() <= RAW_LIMIT ? s : s.substring(0, RAW_LIMIT) + "…";
    }
}
