package io.sparkdistill.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

/**
 * Reads one {@code teachers:} entry: takes {@code name} and {@code weight} off the mapping and reads the rest as a
 * {@link TeacherConfig}, so an unknown or mistyped key is reported with its full path ({@code teachers[1].kindd}).
 * Jackson 2.15 cannot unwrap a record's creator property, hence this small reader.
 */
final class TeacherEntryDeserializer extends StdDeserializer<TeacherEntry> {

    TeacherEntryDeserializer() {
        super(TeacherEntry.class);
    }

    @Override
    public TeacherEntry deserialize(JsonParser parser, DeserializationContext ctxt) throws IOException {
        String section = UnknownChoices.path(parser.getParsingContext());
        JsonNode node = ctxt.readTree(parser);
        if (!(node instanceof ObjectNode entry)) {
            return (TeacherEntry) ctxt.handleUnexpectedToken(TeacherEntry.class, parser.currentToken(), parser,
                    "a teacher entry is a mapping: name, weight and the keys of a teacher section");
        }
        String name = field(entry.remove("name"), String.class, "name", ctxt);
        Double weight = field(entry.remove("weight"), Double.class, "weight", ctxt);
        return new TeacherEntry(name, weight, TeacherConfigDeserializer.read(entry, section, ctxt));
    }

    private static <T> T field(JsonNode value, Class<T> type, String key, DeserializationContext ctxt)
            throws IOException {
        if (value == null || value.isNull()) {
            return null;
        }
        if (type == String.class ? !value.isTextual() : !value.isNumber()) {
            throw JsonMappingException.wrapWithPath(InvalidFormatException.from(
                    ctxt.getParser(), "expected " + (type == String.class ? "text" : "a number"), value.asText(),
                    type), TeacherEntry.class, key);
        }
        return ctxt.readTreeAsValue(value, type);
    }
}
