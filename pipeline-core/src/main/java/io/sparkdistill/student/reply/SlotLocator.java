package io.sparkdistill.student.reply;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How a slot finds its value in a new conversation, as a rule written in one string (so that it can be counted as
 * a key across the training examples that used it):
 * <ul>
 *   <li>{@code after:W}: the first value of the slot's type right after the token W ("order" before an order id);</li>
 *   <li>{@code user-last}, {@code user-first}: the last or first value of the type that the user wrote;</li>
 *   <li>{@code last}, {@code first}, {@code nth:K}: by position among all the conversation's values of the type;</li>
 *   <li>{@code around:L\u001fR}: a phrase between the contexts L and R (see {@link PhraseAnchors}).</li>
 * </ul>
 * Training records every rule that finds the value the reply used; the rules that fit most training examples are
 * tried first.
 */
public record SlotLocator(String rule) implements Serializable {
    private static final String AFTER = "after:";
    private static final String NTH = "nth:";
    private static final String AROUND = "around:";
    private static final char SEPARATOR = '\u001f';
    /** Positions beyond this are not learnt: "the 7th amount" fits one conversation, not a kind of reply. */
    private static final int MAX_NTH = 4;

    public SlotLocator {
        if (rule == null || rule.isEmpty() || rule.indexOf('\t') >= 0 || rule.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a slot locator is a rule on one line without tabs, got '" + rule + "'");
        }
    }

    /** The value this rule finds in {@code conversation} for a slot of {@code type}. */
    public Optional<String> find(Conversation conversation, ValueType type) {
        if (rule.startsWith(AROUND)) {
            int split = rule.indexOf(SEPARATOR);
            return PhraseAnchors.find(conversation, rule.substring(AROUND.length(), split), rule.substring(split + 1));
        }
        List<Conversation.Value> values = conversation.values(type);
        if (rule.startsWith(AFTER)) {
            String word = rule.substring(AFTER.length());
            return values.stream().filter(v -> v.before().equals(word)).map(Conversation.Value::text).findFirst();
        }
        if (rule.startsWith(NTH)) {
            int k = Integer.parseInt(rule.substring(NTH.length()));
            return k < values.size() ? Optional.of(values.get(k).text()) : Optional.empty();
        }
        List<Conversation.Value> pool = rule.startsWith("user-")
                ? values.stream().filter(Conversation.Value::byUser).toList() : values;
        if (pool.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(pool.get(rule.endsWith("last") ? pool.size() - 1 : 0).text());
    }

    /**
     * How sure a rule is, to order rules that fit equally many examples: a phrase's wider context, then a typed
     * value's neighbour word, then what the user said, then positions.
     */
    public int specificity() {
        if (rule.startsWith(AROUND)) {
            return rule.indexOf(' ') >= 0 ? 6 : 5;
        }
        if (rule.startsWith(AFTER)) {
            return 4;
        }
        return switch (rule) {
            case "user-last" -> 3;
            case "last" -> 2;
            case "user-first", "first" -> 1;
            default -> 0;
        };
    }

    /** Every typed rule that finds {@code value} as a value of {@code type} in {@code conversation}. */
    public static List<SlotLocator> explainingTyped(Conversation conversation, ValueType type, String value) {
        Set<String> rules = new LinkedHashSet<>();
        List<Conversation.Value> values = conversation.values(type);
        for (int k = 0; k < values.size(); k++) {
            Conversation.Value v = values.get(k);
            if (v.text().equals(value) && k < MAX_NTH) {
                rules.add(NTH + k);
            }
        }
        for (String position : List.of("first", "last", "user-first", "user-last")) {
            rules.add(position);
        }
        for (Conversation.Value v : values) {
            if (v.text().equals(value)) {
                rules.add(AFTER + v.before());
            }
        }
        List<SlotLocator> fitting = new ArrayList<>();
        for (String rule : rules) {
            SlotLocator locator = new SlotLocator(rule);
            if (locator.find(conversation, type).filter(value::equals).isPresent()) {
                fitting.add(locator);
            }
        }
        return fitting;
    }

    /** The context rules of every place where the phrase (its tokens) stands in {@code conversation}. */
    public static List<SlotLocator> explainingPhrase(Conversation conversation, List<String> phraseTokens,
                                                     String phrase) {
        Set<String> rules = new LinkedHashSet<>();
        for (String[] context : PhraseAnchors.contextsOf(conversation, phraseTokens)) {
            rules.add(AROUND + context[0] + SEPARATOR + context[1]);
        }
        List<SlotLocator> fitting = new ArrayList<>();
        for (String rule : rules) {
            SlotLocator locator = new SlotLocator(rule);
            // a context that finds another phrase first (a shorter one, a later turn) does not explain this one
            if (locator.find(conversation, ValueType.PHRASE).filter(phrase::equals).isPresent()) {
                fitting.add(locator);
            }
        }
        return fitting;
    }
}
