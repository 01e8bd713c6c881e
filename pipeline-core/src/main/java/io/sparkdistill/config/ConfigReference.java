package io.sparkdistill.config;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The key table of the configuration reference ({@code docs/configuration.md}), rendered from the {@link KeyDoc}
 * rows each record keeps beside its fields; defaults are read from the records themselves unless a row words them.
 * {@code ConfigReferenceTest} fails when the checked-in table differs, and rewrites it on request.
 */
public final class ConfigReference {

    /**
     * A section of the config: its path, the records holding its keys at their defaults (a teacher section has one
     * per kind), and its rows.
     */
    public record Section(String path, List<Record> defaults, List<KeyDoc> rows) {
    }

    /** Every section, in the order of the reference. */
    public static final List<Section> SECTIONS = List.of(
            new Section("", List.of(new JobConfig(null, null, null, null, null, null, null, null, null, null, null,
                    null, null)), JobConfig.KEYS),
            new Section("data", List.of(new DataConfig(null, null, null, null, null, null, null, null, null, null)),
                    DataConfig.KEYS),
            new Section("teacher", List.of(EmbeddedTeacherConfig.defaults(), new LocalTeacherConfig(null, null,
                    null, null), new ApiTeacherConfig(null, null, null, null, null, null, null, null, null, null,
                    null)), Stream.of(TeacherConfig.KIND_KEYS, LocalTeacherConfig.KEYS, ApiTeacherConfig.KEYS,
                    ExecutorTeacherConfig.EXECUTOR_KEYS).flatMap(List::stream).toList()),
            new Section("student", List.of(StudentConfig.defaults()), StudentConfig.KEYS),
            new Section("hyperparameters", List.of(Hyperparameters.defaults()), Hyperparameters.KEYS),
            new Section("search", List.of(RecipeSearchConfig.off()), RecipeSearchConfig.KEYS),
            new Section("training", List.of(TrainingConfig.defaults()), TrainingConfig.KEYS),
            new Section("output", List.of(OutputConfig.defaults()), OutputConfig.KEYS),
            new Section("evaluation", List.of(EvaluationConfig.defaults()), EvaluationConfig.KEYS),
            new Section("spark", List.of(SparkConfig.defaults()), SparkConfig.KEYS));

    private ConfigReference() {
    }

    /** The Markdown table: a header and one line per row. */
    public static String table() {
        StringBuilder out = new StringBuilder("| key | default | meaning |\n| --- | --- | --- |\n");
        for (Section section : SECTIONS) {
            for (KeyDoc row : section.rows()) {
                String shown = row.defaultShown() != null ? row.defaultShown() : defaults(section, row);
                out.append("| ").append(row.keys().stream().map(k -> "`" + path(section, k) + "`")
                                .collect(Collectors.joining(", ")))
                        .append(" |").append(shown.isEmpty() ? "" : " " + shown)
                        .append(" | ").append(row.meaning()).append(" |\n");
            }
        }
        return out.toString();
    }

    private static String path(Section section, String key) {
        return section.path().isEmpty() ? key : section.path() + "." + key;
    }

    /** The row's keys' defaults as the records give them, once when they are all alike. */
    private static String defaults(Section section, KeyDoc row) {
        List<String> shown = row.keys().stream().map(k -> shown(defaultOf(section, k))).toList();
        return shown.stream().distinct().count() == 1 ? shown.get(0) : String.join(", ", shown);
    }

    private static Object defaultOf(Section section, String key) {
        for (Record record : section.defaults()) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                if (snakeCase(component.getName()).equals(key)) {
                    try {
                        return component.getAccessor().invoke(record);
                    } catch (IllegalAccessException | InvocationTargetException e) {
                        throw new IllegalStateException("cannot read " + component, e);
                    }
                }
            }
        }
        throw new IllegalStateException("no record of section '" + section.path() + "' has a key " + key);
    }

    private static String shown(Object value) {
        if (value == null || value instanceof Collection<?> c && c.isEmpty() || value instanceof Map<?, ?> m
                && m.isEmpty()) {
            return "none";
        }
        return value instanceof String || value instanceof Enum<?> ? "`" + value + "`" : value.toString();
    }

    /** A record component's YAML key ({@code maxBadRowShare} -> {@code max_bad_row_share}). */
    public static String snakeCase(String name) {
        return name.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
    }
}
