package io.sparkdistill.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a teacher section as the record of its {@code kind}, so that users keep writing one flat section
 * ({@code teacher: {kind: api, endpoint: ..., generation: ...}}). A key of another kind ({@code batch_size} under
 * an api teacher) is a problem saying whose key it is, collected with the config's other problems; a key of no kind
 * is Jackson's unknown-key error, with its path.
 */
final class TeacherConfigDeserializer extends StdDeserializer<TeacherConfig> {
    TeacherConfigDeserializer() {
        super(TeacherConfig.class);
    }

    @Override
    public TeacherConfig deserialize(JsonParser parser, DeserializationContext ctxt) throws IOException {
        String section = UnknownChoices.path(parser.getParsingContext());
        JsonNode node = ctxt.readTree(parser);
        if (!(node instanceof ObjectNode fields)) {
            return (TeacherConfig) ctxt.handleUnexpectedToken(TeacherConfig.class, parser.currentToken(), parser,
                    "a teacher is a section of keys: kind and the keys of that kind");
        }
        return read(fields, section, ctxt);
    }

    /** Reads {@code fields} (a teacher section at {@code section}, e.g. {@code teachers[1]}) as its kind's record. */
    static TeacherConfig read(ObjectNode fields, String section, DeserializationContext ctxt) throws IOException {
        TeacherKind kind = kindOf(fields.remove("kind"), ctxt);
        Class<? extends TeacherConfig> type = kind.recordType();
        List<String> own = ConfigOverrides.keysOf(ctxt.constructType(type), ctxt.getConfig());
        for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            List<String> owners = Arrays.stream(TeacherKind.values())
                    .filter(k -> ConfigOverrides.keysOf(ctxt.constructType(k.recordType()), ctxt.getConfig())
                            .contains(field.getKey()))
                    .map(TeacherKind::configName).toList();
            if (own.contains(field.getKey()) || owners.isEmpty()) {
                continue;
            }
            ConfigProblem problem = new ConfigProblem(section + "." + field.getKey(), field.getValue(), "no "
                    + field.getKey() + " for a" + (kind == TeacherKind.API ? "n " : " ") + kind + " teacher: it is a "
                    + "key of the " + String.join(" and ", owners) + " teacher" + (owners.size() > 1 ? "s" : ""));
            if (!(ctxt.getAttribute(UnknownChoices.ATTRIBUTE) instanceof ConfigProblems problems)) {
                throw JsonMappingException.from(ctxt, problem.toString());
            }
            problems.add(problem);
            it.remove();
        }
        return ctxt.readTreeAsValue(fields, type);
    }

    private static TeacherKind kindOf(JsonNode value, DeserializationContext ctxt) throws IOException {
        if (value == null || value.isNull()) {
            return TeacherKind.EMBEDDED;
        }
        String text = value.asText().strip();
        for (TeacherKind kind : TeacherKind.values()) {
            if (kind.configName().equalsIgnoreCase(text)) {
                return kind;
            }
        }
        throw JsonMappingException.wrapWithPath(InvalidFormatException.from(ctxt.getParser(), "expected one of "
                + Arrays.stream(TeacherKind.values()).map(TeacherKind::configName).collect(Collectors.joining(", ")),
                text, TeacherKind.class), TeacherConfig.class, "kind");
    }
}
