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
 * already-typed values (from Parquet); both paths give the same verdicts and messages. Two fields are structured:
 * a conversation's {@code messages} (an array of {@code {"role", "content"}} objects ending with a user turn) and
 * a QA example's {@code answers} (an array of texts); they are kept as compact JSON text in the example, and in
 * Parquet they are JSON text columns.
 */
public final class ExampleParser implements Serializable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RAW_LIMIT = 500;
    private static final List<String> STRUCTURED = List.of("messages", "answers");
    private static final Set<String> ROLES = Set.of("system", "user", "assistant");

    private final TaskType task;
    private final List<String> labels;
    private final Set<String> labelSet;

    public ExampleParser(TaskType task, List<String> labels) {
        this.task = task;
        this.labels = List.copyOf(labels);
        this.labelSet = Set.copyOf(labels);
    }

    /** Reads the bytes of one line of a JSONL file, without its LF (see {@link JsonLine} for what a line is). */
    public ParsedRow parseJsonLine(byte[] line, Split split, String file, long lineNumber) {
        return parse(JsonLine.read(line, lineNumber == 1), split, file, lineNumber);
    }

    /** Reads one line of a JSONL file, already decoded. */
    public ParsedRow parseJsonLine(String line, Split split, String file, long lineNumber) {
        return parse(JsonLine.read(line), split, file, lineNumber);
    }

    private ParsedRow parse(JsonLine.Outcome outcome, Split split, String file, long lineNumber) {
        if (outcome instanceof JsonLine.Problem problem) {
            return reject(file, lineNumber, split, problem.reason(), problem.field(), problem.message(),
                    problem.text());
        }
        JsonLine.Parsed parsed = (JsonLine.Parsed) outcome;
        JsonNode node = parsed.node();
        String line = parsed.text();
        if (!node.isObject()) {
            return reject(file, lineNumber, split, QuarantineReason.MALFORMED_JSON, null,
                    "expected a JSON object per line, found " + node.getNodeType(), line);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (String field : requiredFields(split)) {
            JsonNode value = node.get(field);
            values.put(field, value == null || value.isNull() ? null : value.isTextual() ? value.textValue() : value);
        }
        return check(values, split, file, lineNumber, line);
    }

    /** Parquet columns of structured fields hold JSON text; read it back into a tree. */
    private static Object structured(Object value) {
        if (value instanceof String text) {
            try {
                return JSON.readTree(text);
            } catch (JsonProcessingException e) {
                return text;
            }
        }
        return value;
    }

    /** Reads one row whose columns are already typed (a Parquet row); {@code values} maps column to value. */
    public ParsedRow parseValues(Map<String, ?> values, Split split, String file, long rowNumber) {
        Map<String, Object> typed = new LinkedHashMap<>(values);
        for (String field : STRUCTURED) {
            if (typed.containsKey(field)) {
                typed.put(field, structured(typed.get(field)));
            }
        }
        return check(typed, split, file, rowNumber, String.valueOf(values));
    }

    /** The fields every row of this task must carry: the task's inputs, then its gold answer. */
    public List<String> requiredFields() {
        List<String> fields = new ArrayList<>(task.inputFields());
        fields.add(task.goldField());
        return fields;
    }

    /** The fields a row of {@code split} must carry: transfer text has no gold answer (one it has is ignored). */
    public List<String> requiredFields(Split split) {
        return split == Split.TRANSFER ? task.inputFields() : requiredFields();
    }

    private ParsedRow check(Map<String, ?> values, Split split, String file, long line, String raw) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (String field : requiredFields(split)) {
            Object value = values.get(field);
            if (value == null) {
                return reject(file, line, split, QuarantineReason.MISSING_FIELD, field,
                        "required field is missing; every " + task.configName() + " row needs "
                                + requiredFields(split), raw);
            }
            String problem = switch (field) {
                case "messages" -> conversationProblem(value);
                case "answers" -> answersProblem(value);
                default -> value instanceof String ? null : "expected text, found " + describeType(value) + " "
                        + abbreviate(String.valueOf(value));
            };
            if (problem != null) {
                return reject(file, line, split, QuarantineReason.WRONG_TYPE, field, problem, raw);
            }
            String text = value instanceof JsonNode node ? node.toString() : (String) value;
            if (text.isBlank()) {
                return reject(file, line, split, QuarantineReason.EMPTY_FIELD, field, "is empty", raw);
            }
            texts.put(field, value instanceof JsonNode ? text : text.strip());
        }
        String gold = texts.remove(task.goldField());
        if (split != Split.TRANSFER && !labelSet.isEmpty() && !labelSet.contains(gold)) {
            return reject(file, line, split, QuarantineReason.UNKNOWN_LABEL, task.goldField(),
                    "'" + abbreviate(gold) + "' is not one of the job's labels " + labels, raw);
        }
        String id = ExampleId.of(task, split, texts, gold);
        return new ParsedRow.Valid(new Example(id, task, split, texts, gold, file, line));
    }

    /** Null when {@code value} is a conversation the teacher can continue, else what is wrong with it. */
    private static String conversationProblem(Object value) {
        if (!(value instanceof JsonNode node) || !node.isArray() || node.isEmpty()) {
            return "expected a non-empty array of {\"role\", \"content\"} messages, found "
                    + abbreviate(String.valueOf(value));
        }
        for (JsonNode message : node) {
            JsonNode role = message.get("role");
            JsonNode content = message.get("content");
            if (role == null || !ROLES.contains(role.asText()) || content == null || !content.isTextual()) {
                return "every message needs a role (system, user or assistant) and a text content, found "
                        + abbreviate(message.toString());
            }
        }
        if (!"user".equals(node.get(node.size() - 1).get("role").asText())) {
            return "the conversation must end with a user message, for the teacher to answer it";
        }
        return null;
    }

    /** Null when {@code value} is a non-empty array of non-blank texts, else what is wrong with it. */
    private static String answersProblem(Object value) {
        if (!(value instanceof JsonNode node) || !node.isArray() || node.isEmpty()) {
            return "expected a non-empty array of answer texts, found " + abbreviate(String.valueOf(value));
        }
        for (JsonNode answer : node) {
            if (!answer.isTextual() || answer.textValue().isBlank()) {
                return "every answer must be a non-empty text, found " + abbreviate(answer.toString());
            }
        }
        return null;
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
