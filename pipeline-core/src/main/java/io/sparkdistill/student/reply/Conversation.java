package io.sparkdistill.student.reply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * A conversation as the selection student reads it: its turns, each with its tokens and typed values found once, so
 * that featurising it and filling every candidate's slots do not scan the text again.
 */
public final class Conversation {
    public static final String USER = "user";
    public static final String ASSISTANT = "assistant";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One turn: who said it, what, and its tokens and typed values. */
    public record Turn(String role, String content, List<Token> tokens, List<TypedValues.Found> values) {
        static Turn of(String role, String content) {
            List<TypedValues.Found> values = TypedValues.find(content);
            return new Turn(role, content, Token.of(content, values), values);
        }

        public boolean byUser() {
            return USER.equals(role);
        }
    }

    /** One typed value of the conversation, with the turn it is in and the token just before it. */
    public record Value(int turn, boolean byUser, ValueType type, String text, String before) {
    }

    private final List<Turn> turns;
    private final List<Value> values;

    public Conversation(List<Turn> turns) {
        if (turns.isEmpty()) {
            throw new IllegalArgumentException("a conversation needs at least one turn");
        }
        this.turns = List.copyOf(turns);
        List<Value> all = new ArrayList<>();
        for (int t = 0; t < this.turns.size(); t++) {
            Turn turn = this.turns.get(t);
            for (TypedValues.Found found : turn.values()) {
                all.add(new Value(t, turn.byUser(), found.type(), found.text(), tokenBefore(turn, found.start())));
            }
        }
        this.values = List.copyOf(all);
    }

    /** Reads the task's {@code messages} field: a JSON array of {@code {"role", "content"}} objects. */
    public static Conversation parse(String messagesJson) {
        JsonNode array;
        try {
            array = JSON.readTree(messagesJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("messages is not JSON: " + e.getOriginalMessage(), e);
        }
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException("messages must be a JSON array of {\"role\", \"content\"} objects");
        }
        List<Turn> turns = new ArrayList<>(array.size());
        for (JsonNode message : array) {
            turns.add(Turn.of(message.path("role").asText(USER), message.path("content").asText("")));
        }
        return new Conversation(turns);
    }

    /** A conversation of user and assistant turns, alternating from the user's. */
    public static Conversation of(String... userThenAssistant) {
        List<Turn> turns = new ArrayList<>();
        for (int i = 0; i < userThenAssistant.length; i++) {
            turns.add(Turn.of(i % 2 == 0 ? USER : ASSISTANT, userThenAssistant[i]));
        }
        return new Conversation(turns);
    }

    public List<Turn> turns() {
        return turns;
    }

    /** Every typed value, in reading order. */
    public List<Value> values() {
        return values;
    }

    /** The typed values of one type, in reading order. */
    public List<Value> values(ValueType type) {
        List<Value> ofType = new ArrayList<>();
        for (Value v : values) {
            if (v.type() == type) {
                ofType.add(v);
            }
        }
        return ofType;
    }

    /** The last turn, the one being answered. */
    public Turn last() {
        return turns.get(turns.size() - 1);
    }

    /** The turn before the last, or null in a conversation of one turn. */
    public Turn previous() {
        return turns.size() < 2 ? null : turns.get(turns.size() - 2);
    }

    private static String tokenBefore(Turn turn, int start) {
        String before = "^";
        for (Token token : turn.tokens()) {
            if (token.end() > start) {
                break;
            }
            before = token.context();
        }
        return before;
    }
}
