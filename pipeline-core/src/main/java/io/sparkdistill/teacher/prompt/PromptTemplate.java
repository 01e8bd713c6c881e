package io.sparkdistill.teacher.prompt;

import io.sparkdistill.ingest.TaskType;
import io.sparkdistill.teacher.api.ChatMessage;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A versioned prompt for one task: turns an example's fields into the chat messages sent to the teacher.
 *
 * <p>This is the pre-processing half of a teacher call (DJL's {@code Translator} split); the response side is
 * {@code io.sparkdistill.teacher.validation.OutputValidator}; the transport is neither.
 *
 * <p><b>Placeholders</b> are {@code {name}} where name is a letter or underscore followed by letters, digits or
 * underscores; they may name the task's {@link TaskType#inputFields() input fields} and, for tasks answered with
 * a label, {@code {labels}} (the label set joined by ", "). Any other brace is literal text, so JSON examples such as
 * {@code {"reason": "...", "answer": "..."}} can be written as they are. Values are substituted in one pass: a
 * field value that itself contains "{question}" is not expanded again. There is no escape for a literal
 * {@code {premise}}.
 *
 * <p><b>The user message</b> is {@code user}, then a blank line and the output instruction: {@code answer_format}
 * normally, {@code rationale_format} in rationale mode (the teacher answers with JSON
 * {@code {"reason": "...", "answer": "..."}}).
 *
 * <p><b>Conversation</b> templates have no {@code user} text: the example's {@code messages} (a JSON array of
 * {@code {"role", "content"}} objects ending with a user turn) are passed through, after the template's system
 * message unless the conversation starts with a system message of its own, which then wins.
 *
 * <p><b>Provenance</b>: {@link #version()} is what every output records; in rationale mode it is the file's
 * version plus "+rationale" so that the two modes never share a cache key. {@link #fingerprint()} is a hash of
 * everything that shapes the prompt, for catching a file edited without a version bump.
 */
public final class PromptTemplate implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Suffix of {@link #version()} in rationale mode. */
    public static final String RATIONALE_SUFFIX = "+rationale";
    /** The placeholder that renders the job's label set, for tasks answered with a label. */
    public static final String LABELS = "labels";
    /** The gold field of a task answered with a label of the job's set. */
    private static final String LABEL_FIELD = "label";
    /** The input field of a chat transcript. */
    private static final String MESSAGES = "messages";

    private final String source;
    private final String baseVersion;
    private final TaskType task;
    private final String system;
    private final String user;
    private final String answerFormat;
    private final String rationaleFormat;
    private final boolean rationale;

    PromptTemplate(String source, String baseVersion, TaskType task, String system, String user,
                   String answerFormat, String rationaleFormat, boolean rationale) {
        this.source = Objects.requireNonNull(source, "source");
        this.task = Objects.requireNonNull(task, "task");
        this.baseVersion = baseVersion;
        this.system = blankToNull(system);
        this.user = blankToNull(user);
        this.answerFormat = blankToNull(answerFormat);
        this.rationaleFormat = blankToNull(rationaleFormat);
        this.rationale = rationale;
        check();
    }

    private void check() {
        if (baseVersion == null || !baseVersion.matches("[A-Za-z0-9._-]+")) {
            throw error("'version' is '" + baseVersion + "'; expected a name made of letters, digits, '.', '_' or '-'"
                    + " such as '" + task.configName() + "-v1'");
        }
        if (passesMessagesThrough()) {
            if (user != null) {
                throw error("a conversation template has no 'user' text: the example's messages are passed through");
            }
        } else if (user == null) {
            throw error("'user' is missing; a " + task.configName() + " template needs the user message");
        }
        if (rationale && rationaleFormat == null) {
            throw error("rationale mode is on but 'rationale_format' is missing: say how the teacher must write"
                    + " its JSON {\"reason\": ..., \"answer\": ...}");
        }
        checkPlaceholders("system", system);
        checkPlaceholders("user", user);
        checkPlaceholders("answer_format", answerFormat);
        checkPlaceholders("rationale_format", rationaleFormat);
    }

    private void checkPlaceholders(String key, String text) {
        for (String name : placeholders(text)) {
            boolean known = task.inputFields().contains(name) && !passesMessagesThrough()
                    || name.equals(LABELS) && answersWithLabel();
            if (!known) {
                List<String> allowed = new ArrayList<>(passesMessagesThrough() ? List.of() : task.inputFields());
                if (answersWithLabel()) {
                    allowed.add(LABELS);
                }
                throw error("unknown placeholder {" + name + "} in '" + key + "'; a " + task.configName()
                        + " template may use " + (allowed.isEmpty() ? "no placeholders"
                        : allowed.stream().map(n -> "{" + n + "}").toList()));
            }
        }
    }

    /**
     * Whether the example's input is a chat transcript ({@value #MESSAGES}) that the teacher continues as it is,
     * rather than fields filled into a user message.
     */
    private boolean passesMessagesThrough() {
        return task.inputFields().equals(List.of(MESSAGES));
    }

    /** Whether the task's gold answer is a label of the job's set (its schema's gold field), so the prompt lists them. */
    private boolean answersWithLabel() {
        return task.goldField().equals(LABEL_FIELD);
    }

    /** The placeholder names of {@code text} in order of first appearance (empty for null). */
    static Set<String> placeholders(String text) {
        Set<String> names = new LinkedHashSet<>();
        if (text != null) {
            Matcher m = PLACEHOLDER.matcher(text);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** The same template with rationale mode on or off; turning it on needs a {@code rationale_format}. */
    public PromptTemplate withRationale(boolean on) {
        return on == rationale ? this
                : new PromptTemplate(source, baseVersion, task, system, user, answerFormat, rationaleFormat, on);
    }

    /**
     * The messages for one example.
     *
     * @param fields the example's input fields by name (see {@link TaskType#inputFields()})
     * @param labels the job's label set, required (non-empty) for tasks answered with a label, ignored otherwise
     * @throws PromptTemplateException naming this template's file and the placeholder when a field is missing
     */
    public List<ChatMessage> render(Map<String, String> fields, List<String> labels) {
        Objects.requireNonNull(fields, "fields");
        if (answersWithLabel() && (labels == null || labels.isEmpty())) {
            throw error("a " + task.configName() + " template needs the job's label set, but none was given");
        }
        List<ChatMessage> messages = new ArrayList<>();
        if (passesMessagesThrough()) {
            List<ChatMessage> conversation = conversation(fields.get("messages"));
            boolean ownSystem = conversation.get(0).role().equals(ChatMessage.SYSTEM);
            if (system != null && !ownSystem) {
                messages.add(ChatMessage.system(fill(system, fields, labels).strip()));
            }
            messages.addAll(conversation);
            return List.copyOf(messages);
        }
        if (system != null) {
            messages.add(ChatMessage.system(fill(system, fields, labels).strip()));
        }
        String format = rationale ? rationaleFormat : answerFormat;
        String text = format == null ? user : user.stripTrailing() + "\n\n" + format;
        messages.add(ChatMessage.user(fill(text, fields, labels).strip()));
        return List.copyOf(messages);
    }

    private String fill(String text, Map<String, String> fields, List<String> labels) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 256);
        while (m.find()) {
            String name = m.group(1);
            String value;
            if (name.equals(LABELS)) {
                value = String.join(", ", labels);
            } else {
                value = fields.get(name);
                if (value == null || value.isBlank()) {
                    throw error("placeholder {" + name + "} has no value: the example's field '" + name + "' is "
                            + (value == null ? "missing" : "blank") + " (fields present: "
                            + fields.keySet().stream().sorted().toList() + ")");
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private List<ChatMessage> conversation(String json) {
        if (json == null || json.isBlank()) {
            throw error("the example's field 'messages' is " + (json == null ? "missing" : "blank")
                    + "; a conversation needs a JSON array of {\"role\", \"content\"} messages");
        }
        JsonNode array;
        try {
            array = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw error("the example's field 'messages' is not JSON: " + e.getOriginalMessage(), e);
        }
        if (array == null || !array.isArray() || array.isEmpty()) {
            throw error("the example's field 'messages' must be a non-empty JSON array of {\"role\", \"content\"}");
        }
        List<ChatMessage> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode m = array.get(i);
            JsonNode role = m.get("role");
            JsonNode content = m.get("content");
            if (role == null || !role.isTextual() || content == null || !content.isTextual()) {
                throw error("messages[" + i + "] needs string 'role' and 'content'");
            }
            try {
                out.add(new ChatMessage(role.asText(), content.asText()));
            } catch (IllegalArgumentException e) {
                throw error("messages[" + i + "]: " + e.getMessage(), e);
            }
            if (i > 0 && role.asText().equals(ChatMessage.SYSTEM)) {
                throw error("messages[" + i + "] is a system message; only the first message may be one");
            }
        }
        if (!out.get(out.size() - 1).role().equals(ChatMessage.USER)) {
            throw error("the conversation must end with a user message for the teacher to answer; its last is '"
                    + out.get(out.size() - 1).role() + "'");
        }
        return out;
    }

    private PromptTemplateException error(String what) {
        return new PromptTemplateException("prompt template " + source + ": " + what);
    }

    private PromptTemplateException error(String what, Throwable cause) {
        return new PromptTemplateException("prompt template " + source + ": " + what, cause);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Where the template was read from: a file path or "classpath:prompts/nli.yaml". */
    public String source() {
        return source;
    }

    /** The version recorded with every output: the file's version, plus "+rationale" in rationale mode. */
    public String version() {
        return rationale ? baseVersion + RATIONALE_SUFFIX : baseVersion;
    }

    /** The version written in the file. */
    public String baseVersion() {
        return baseVersion;
    }

    public TaskType task() {
        return task;
    }

    /** The system message template, or null. */
    public String system() {
        return system;
    }

    /** The user message template (without the output instruction), or null for conversation. */
    public String user() {
        return user;
    }

    /** The output instruction appended to the user message normally, or null. */
    public String answerFormat() {
        return answerFormat;
    }

    /** The output instruction appended in rationale mode, or null when the template has no rationale mode. */
    public String rationaleFormat() {
        return rationaleFormat;
    }

    /** True when the teacher is asked for JSON {@code {"reason": ..., "answer": ...}}. */
    public boolean rationale() {
        return rationale;
    }

    /** First 16 hex digits of SHA-256 over everything that shapes the rendered prompt. */
    public String fingerprint() {
        String all = String.join("\u0000", baseVersion, task.configName(), String.valueOf(system),
                String.valueOf(user), String.valueOf(answerFormat), String.valueOf(rationaleFormat),
                String.valueOf(rationale));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(all.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "PromptTemplate[" + version() + ", " + task.configName() + ", " + source + "]";
    }
}
