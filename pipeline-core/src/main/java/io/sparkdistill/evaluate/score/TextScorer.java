package io.sparkdistill.evaluate.score;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkdistill.ingest.TaskType;
import io.sparkdistill.task.LabelTask;
import io.sparkdistill.task.TaskStrategies;
import io.sparkdistill.task.TaskStrategy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores any model's outputs against references: the logic behind
 * {@code bin/distill score --task <task> --predictions p.jsonl --references r.jsonl}.
 *
 * <p><b>Inputs</b>, JSON Lines in UTF-8 (blank lines are skipped):
 * <ul>
 *   <li>predictions: {@code {"id": ..., "prediction": "..."}};</li>
 *   <li>references for qa, summarisation, conversation and math: {@code {"id": ..., "references": ["...", ...]}}
 *       (at least one string);</li>
 *   <li>references for classification and nli: {@code {"id": ..., "label": "..."}}; the prediction is then the
 *       predicted label.</li>
 * </ul>
 * An id is a JSON string or integer and is compared by its text, so {@code 7} and {@code "7"} are the same id. Other
 * fields are ignored. A line that is not such an object, a repeated id, or ids present on one side only are errors
 * ({@link IllegalArgumentException}) naming the file and line, or listing up to {@value #MAX_LISTED} of the
 * unmatched ids with their counts. The files need not be in the same order.
 *
 * <p><b>Output</b>: one JSON object, {@code task} and {@code count} first, then the task's metrics, each on the
 * scale of the implementation it reproduces:
 * <ul>
 *   <li>qa: {@code exact_match}, {@code f1}: SQuAD v1.1 script, 0-100 ({@link io.sparkdistill.evaluate.text.SquadMetrics});</li>
 *   <li>summarisation: {@code rouge1}, {@code rouge2}, {@code rougeL}: rouge-score F-measures averaged over
 *       examples, 0-1 ({@link io.sparkdistill.evaluate.text.RougeScorer});</li>
 *   <li>conversation: {@code bleu} (corpus), {@code chrf} (corpus): sacreBLEU defaults, 0-100 ({@link io.sparkdistill.evaluate.text.SacreBleu},
 *       {@link io.sparkdistill.evaluate.text.ChrF});</li>
 *   <li>math: {@code exact_match} of final numeric answers, 0-100 ({@link io.sparkdistill.evaluate.text.MathAnswer});</li>
 *   <li>classification and nli: {@code accuracy}, {@code macro_f1} and {@code per_class_f1}, 0-1, as scikit-learn's
 *       {@code accuracy_score} and {@code f1_score(average="macro" / None)} with their default labels: the sorted
 *       union of the gold and predicted labels ({@link io.sparkdistill.evaluate.ClassificationMetrics}). No calibration error: the
 *       predictions carry no probabilities.</li>
 * </ul>
 */
public final class TextScorer {
    /** At most this many unmatched ids are listed in an error. */
    public static final int MAX_LISTED = 10;

    private static final ObjectMapper JSON = new ObjectMapper();

    private TextScorer() {
    }

    /** Scores the two files and returns the metrics as one JSON object on one line. */
    public static String score(TaskType task, Path predictions, Path references) throws IOException {
        try (Reader p = Files.newBufferedReader(predictions, StandardCharsets.UTF_8);
             Reader r = Files.newBufferedReader(references, StandardCharsets.UTF_8)) {
            return score(task, p, predictions.toString(), r, references.toString());
        }
    }

    /**
     * Scores two JSON Lines streams; the names only label error messages. The readers are read to the end but not
     * closed.
     */
    public static String score(TaskType task, Reader predictions, String predictionsName, Reader references,
                               String referencesName) throws IOException {
        return toJson(scores(task, predictions, predictionsName, references, referencesName));
    }

    /** As {@link #score(TaskType, Reader, String, Reader, String)}, as a Jackson tree. */
    public static ObjectNode scores(TaskType task, Reader predictions, String predictionsName, Reader references,
                                    String referencesName) throws IOException {
        TaskStrategy strategy = TaskStrategies.of(task);
        Map<String, String> predicted = new LinkedHashMap<>();
        for (Line line : readLines(predictions, predictionsName)) {
            putUnique(predicted, line, text(line, "prediction"));
        }
        Map<String, List<String>> gold = new LinkedHashMap<>();
        for (Line line : readLines(references, referencesName)) {
            putUnique(gold, line, strategy instanceof LabelTask ? List.of(text(line, "label")) : referenceList(line));
        }
        checkSameIds(predicted, predictionsName, gold, referencesName);
        if (gold.isEmpty()) {
            throw new IllegalArgumentException("no examples to score: " + referencesName + " holds no line");
        }
        List<String> ids = new ArrayList<>(gold.keySet());
        List<String> predictionList = new ArrayList<>(ids.size());
        List<List<String>> referenceList = new ArrayList<>(ids.size());
        for (String id : ids) {
            predictionList.add(predicted.get(id));
            referenceList.add(gold.get(id));
            for (String reference : gold.get(id)) {
                String problem = strategy.referenceProblem(reference);
                if (problem != null) {
                    throw new IllegalArgumentException(referencesName + ": a reference of id \"" + id + "\" "
                            + problem);
                }
            }
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("task", task.configName());
        out.put("count", ids.size());
        out.setAll((ObjectNode) JSON.valueToTree(strategy.scores(predictionList, referenceList)));
        return out;
    }

    private static void checkSameIds(Map<String, ?> predicted, String predictionsName, Map<String, ?> gold,
                                     String referencesName) {
        List<String> noPrediction = new ArrayList<>();
        for (String id : gold.keySet()) {
            if (!predicted.containsKey(id)) {
                noPrediction.add(id);
            }
        }
        List<String> noReference = new ArrayList<>();
        for (String id : predicted.keySet()) {
            if (!gold.containsKey(id)) {
                noReference.add(id);
            }
        }
        if (noPrediction.isEmpty() && noReference.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder("predictions and references must have the same ids ("
                + predictionsName + ": " + predicted.size() + " ids, " + referencesName + ": " + gold.size()
                + " ids)");
        if (!noPrediction.isEmpty()) {
            message.append("; ").append(noPrediction.size()).append(" id(s) of ").append(referencesName)
                    .append(" have no prediction: ").append(listed(noPrediction));
        }
        if (!noReference.isEmpty()) {
            message.append("; ").append(noReference.size()).append(" id(s) of ").append(predictionsName)
                    .append(" have no reference: ").append(listed(noReference));
        }
        throw new IllegalArgumentException(message.toString());
    }

    private static String listed(List<String> ids) {
        List<String> quoted = new ArrayList<>();
        for (String id : ids.subList(0, Math.min(MAX_LISTED, ids.size()))) {
            quoted.add('"' + id + '"');
        }
        return "[" + String.join(", ", quoted) + (ids.size() > MAX_LISTED ? ", ...]" : "]");
    }

    /** One parsed JSON object with where it came from. */
    private record Line(String file, int number, String id, JsonNode node) {
        IllegalArgumentException error(String problem) {
            return new IllegalArgumentException(file + " line " + number + ": " + problem);
        }
    }

    private static List<Line> readLines(Reader reader, String name) throws IOException {
        BufferedReader buffered = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        List<Line> lines = new ArrayList<>();
        String raw;
        int number = 0;
        while ((raw = buffered.readLine()) != null) {
            number++;
            if (number == 1 && raw.startsWith("\uFEFF")) {
                raw = raw.substring(1);
            }
            if (raw.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(raw);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(name + " line " + number + ": not valid JSON ("
                        + e.getOriginalMessage() + ")", e);
            }
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException(name + " line " + number + ": expected a JSON object but found "
                        + (node == null ? "nothing" : node.getNodeType().toString().toLowerCase(Locale.ROOT)));
            }
            JsonNode id = node.get("id");
            if (id == null || !(id.isTextual() || id.isIntegralNumber())) {
                throw new IllegalArgumentException(name + " line " + number
                        + ": \"id\" must be a string or an integer but was " + describe(id));
            }
            lines.add(new Line(name, number, id.asText(), node));
        }
        return lines;
    }

    private static <V> void putUnique(Map<String, V> map, Line line, V value) {
        if (map.putIfAbsent(line.id(), value) != null) {
            throw line.error("id \"" + line.id() + "\" appears more than once");
        }
    }

    private static String text(Line line, String field) {
        JsonNode value = line.node().get(field);
        if (value == null || !value.isTextual()) {
            throw line.error("\"" + field + "\" must be a string but was " + describe(value));
        }
        return value.asText();
    }

    private static List<String> referenceList(Line line) {
        JsonNode value = line.node().get("references");
        if (value == null || !value.isArray() || value.isEmpty()) {
            throw line.error("\"references\" must be a non-empty array of strings but was " + describe(value));
        }
        List<String> references = new ArrayList<>(value.size());
        for (JsonNode element : value) {
            if (!element.isTextual()) {
                throw line.error("\"references\" must hold only strings but held " + describe(element));
            }
            references.add(element.asText());
        }
        return references;
    }

    private static String describe(JsonNode node) {
        if (node == null) {
            return "missing";
        }
        String shown = node.toString();
        return node.getNodeType().toString().toLowerCase(Locale.ROOT) + " "
                + (shown.length() <= 40 ? shown : shown.substring(0, 37) + "...");
    }

    private static String toJson(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write metrics as JSON", e);
        }
    }
}
