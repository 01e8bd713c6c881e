package io.sparkdistill.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Changes to a job's YAML from outside the file, so one config serves every environment: environment variables
 * {@code DISTILL__TEACHER__ENDPOINT__MODEL=gpt-4o} and command-line {@code --set teacher.endpoint.model=gpt-4o}.
 * Precedence: the YAML, then the environment, then {@code --set}. They are applied to the YAML tree before Jackson
 * maps it into the records, so the loader's validation judges the final config.
 *
 * <p>A variable's name is its dotted key upper-cased with {@code __} between levels (single underscores belong to
 * the keys, as in {@code num_epochs}), after the prefix {@code DISTILL__}; the double underscore after the prefix
 * follows Airflow's {@code AIRFLOW__SECTION__KEY} and keeps variables such as {@code DISTILL_JAVA_OPTS} out.
 * Inside a map ({@code spark.conf}, {@code teacher.endpoint.headers}) the rest of the key is the map's key, dots
 * included: {@code --set spark.conf.spark.hadoop.fs.s3a.endpoint=http://minio:9000}.
 *
 * <p>Values are read as YAML scalars or flow values, so {@code 3}, {@code true} and {@code [a, b]} arrive typed and
 * an empty value means null. A key the config does not have is an error naming the key and where it came from.
 * Values of keys that look secret never appear in a message.
 */
public final class ConfigOverrides {
    public static final String ENV_PREFIX = "DISTILL__";
    private static final Pattern SECRET_KEY = Pattern.compile(
            "(?i).*(secret|password|passwd|token|credential|key|authorization|signature|sas).*");

    private final List<Change> overrides;

    /** One override: a dotted key, its unparsed value, and where it came from ({@code --set} or a variable name). */
    private record Change(String key, String value, String source) {
        String describe() {
            return source.equals("--set") ? "--set " + key : "environment variable " + source;
        }
    }

    private ConfigOverrides(List<Change> overrides) {
        this.overrides = List.copyOf(overrides);
    }

    public static ConfigOverrides none() {
        return new ConfigOverrides(List.of());
    }

    /**
     * The overrides in {@code environment} (only variables named {@code DISTILL__...}, applied in name order) and
     * then the {@code --set key=value} arguments, in their order, so that a later one wins.
     */
    public static ConfigOverrides of(Map<String, String> environment, List<String> sets) {
        List<Change> overrides = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        new TreeMap<>(environment).forEach((name, value) -> {
            if (!name.startsWith(ENV_PREFIX)) {
                return;
            }
            String[] levels = name.substring(ENV_PREFIX.length()).split("__", -1);
            if (Arrays.stream(levels).anyMatch(String::isEmpty)) {
                problems.add("environment variable " + name + ": expected DISTILL__<SECTION>__<KEY>, with one "
                        + "double underscore between levels (e.g. DISTILL__HYPERPARAMETERS__NUM_EPOCHS)");
                return;
            }
            overrides.add(new Change(Arrays.stream(levels).map(String::toLowerCase)
                    .collect(Collectors.joining(".")), value, name));
        });
        for (String set : sets) {
            int eq = set.indexOf('=');
            if (eq <= 0) {
                String shown = looksSecret(set) ? "(value hidden: it looks secret)" : set.replaceAll("=.*", "=...");
                problems.add("--set " + shown + ": expected <dotted.key>=<value>, e.g. "
                        + "--set hyperparameters.num_epochs=3");
                continue;
            }
            overrides.add(new Change(set.substring(0, eq).trim(), set.substring(eq + 1), "--set"));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("config overrides are malformed:\n  " + String.join("\n  ", problems));
        }
        return new ConfigOverrides(overrides);
    }

    public boolean isEmpty() {
        return overrides.isEmpty();
    }

    /** Where a config came from, for messages: the file, plus the overrides applied on top of it. */
    String label(String source) {
        if (overrides.isEmpty()) {
            return source;
        }
        return source + " with " + overrides.stream().map(Change::describe).collect(Collectors.joining(", "));
    }

    /**
     * Applies every override to {@code root} (the job's YAML tree) in order, checking each key against the shape of
     * {@link JobConfig} as {@code mapper} sees it; reports every bad override at once.
     */
    void applyTo(ObjectNode root, ObjectMapper mapper, String source) {
        List<String> problems = new ArrayList<>();
        for (Change o : overrides) {
            String problem = apply(o, root, mapper);
            if (problem != null) {
                problems.add(problem);
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(source + ": the overrides do not fit the config:\n  "
                    + String.join("\n  ", problems));
        }
    }

    /** Applies one override; returns what is wrong with it, or null. */
    private static String apply(Change o, ObjectNode root, ObjectMapper mapper) {
        String[] parts = o.key().split("\\.", -1);
        if (Arrays.stream(parts).anyMatch(String::isBlank)) {
            return o.describe() + ": '" + o.key() + "' is not a dotted key such as teacher.endpoint.model";
        }
        JsonNode value;
        try {
            value = parse(o.value(), mapper);
        } catch (JsonProcessingException e) {
            // The parser's message quotes the input, so a secret-looking key gets neither.
            String shown = looksSecret(o.key()) ? "" : " '" + o.value() + "'";
            String why = looksSecret(o.key()) ? "" : " (" + e.getOriginalMessage().strip() + ")";
            return o.describe() + ": the value" + shown + " is not a YAML value" + why
                    + "; quote it, e.g. key='\"text: with colon\"'";
        }
        JavaType type = mapper.constructType(JobConfig.class);
        ObjectNode node = root;
        for (int i = 0; i < parts.length; i++) {
            String at = String.join(".", Arrays.copyOfRange(parts, 0, i));
            if (type.isMapLikeType()) {
                node.set(String.join(".", Arrays.copyOfRange(parts, i, parts.length)), value);
                return null;
            }
            List<String> known = keysOf(type, mapper);
            if (known.isEmpty()) {
                return o.describe() + ": '" + at + "' is a value, not a section: it has no key '" + parts[i] + "'";
            }
            if (!known.contains(parts[i])) {
                return o.describe() + ": unknown key '" + o.key() + "'; known keys "
                        + (at.isEmpty() ? "at the top" : "of " + at) + ": " + known;
            }
            if (i == parts.length - 1) {
                node.set(parts[i], value);
                return null;
            }
            type = typeOf(type, parts[i], mapper);
            JsonNode child = node.get(parts[i]);
            if (!(child instanceof ObjectNode)) {
                child = node.putObject(parts[i]);
            }
            node = (ObjectNode) child;
        }
        throw new IllegalStateException("unreachable: every path ends in the loop");
    }

    private static JsonNode parse(String value, ObjectMapper mapper) throws JsonProcessingException {
        JsonNode node = mapper.readTree(value);
        return node == null || node.isMissingNode() ? NullNode.instance : node;
    }

    /** The YAML keys of a config section, as Jackson names them (snake_case); empty for a single value. */
    private static List<String> keysOf(JavaType type, ObjectMapper mapper) {
        if (type.getRawClass() == TeacherConfig.class) {
            return teacherKeys(mapper);
        }
        return keysOf(type, mapper.getDeserializationConfig());
    }

    /** The keys of a record section, as Jackson names them; empty for anything else. */
    static List<String> keysOf(JavaType type, DeserializationConfig config) {
        if (!type.getRawClass().isRecord()) {
            return List.of();
        }
        return properties(type, config).stream().map(BeanPropertyDefinition::getName).toList();
    }

    /** A teacher section's keys: {@code kind} and the keys of every kind's record (which are checked on reading). */
    private static List<String> teacherKeys(ObjectMapper mapper) {
        Set<String> keys = new LinkedHashSet<>(List.of("kind"));
        teacherRecords().forEach(r -> keys.addAll(keysOf(mapper.constructType(r), mapper.getDeserializationConfig())));
        return List.copyOf(keys);
    }

    private static JavaType typeOf(JavaType type, String key, ObjectMapper mapper) {
        List<JavaType> candidates = type.getRawClass() == TeacherConfig.class
                ? teacherRecords().stream().map(mapper::constructType).toList() : List.of(type);
        return candidates.stream().flatMap(t -> properties(t, mapper.getDeserializationConfig()).stream())
                .filter(p -> p.getName().equals(key)).findFirst()
                .map(BeanPropertyDefinition::getPrimaryType).orElseGet(() -> mapper.constructType(String.class));
    }

    private static List<Class<? extends TeacherConfig>> teacherRecords() {
        return Arrays.stream(TeacherKind.values()).<Class<? extends TeacherConfig>>map(TeacherKind::recordType)
                .toList();
    }

    private static List<BeanPropertyDefinition> properties(JavaType type, DeserializationConfig config) {
        return config.introspect(type).findProperties().stream()
                .filter(BeanPropertyDefinition::couldDeserialize).toList();
    }

    /** Whether a key's value must stay out of messages (keys, passwords, tokens, signatures, credentials). */
    static boolean looksSecret(String key) {
        return SECRET_KEY.matcher(key).matches();
    }
}
