package io.sparkdistill.config;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Turns a value that is none of an enum key's choices ({@code decoding: sampled}) into a {@link ConfigProblem}
 * naming the key's path and the choices, instead of Jackson's exception, so that it is reported with every other
 * problem of the config; the key then takes its default until the loader throws. The problems go to the
 * {@link ConfigProblems} set as the reader's {@link #ATTRIBUTE}.
 */
final class UnknownChoices extends DeserializationProblemHandler {
    static final String ATTRIBUTE = "config-problems";

    @Override
    public Object handleWeirdStringValue(DeserializationContext ctxt, Class<?> targetType, String value,
                                         String failureMsg) {
        if (!targetType.isEnum() || !(ctxt.getAttribute(ATTRIBUTE) instanceof ConfigProblems problems)) {
            return NOT_HANDLED;
        }
        problems.add(new ConfigProblem(path(ctxt.getParser().getParsingContext()), value,
                "one of " + choices(targetType)));
        return null;
    }

    /** An enum key's values as a config spells them (each config enum's {@code toString}). */
    static String choices(Class<?> type) {
        return Arrays.stream(type.getEnumConstants()).map(c -> c.toString().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }

    /**
     * The dotted path of the value being read, with list indices in brackets: {@code teachers[1].kind}; at the start
     * of a section, the section's own path.
     */
    static String path(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.addFirst("[" + c.getCurrentIndex() + "]");
            } else if (c.getCurrentName() != null) {
                parts.addFirst("." + c.getCurrentName());
            }
        }
        String joined = String.join("", parts);
        return joined.startsWith(".") ? joined.substring(1) : joined;
    }
}
