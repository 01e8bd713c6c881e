package io.sparkdistill.student.reply;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a reply into a template by finding the values it took from its conversation (Smart Reply's candidate
 * replies, made reusable for conversations about other orders, amounts and products).
 *
 * <p>A typed value of the reply (an amount, an id, a date...) that the conversation also has becomes a typed slot.
 * A phrase becomes a slot when the reply repeats a stretch of the conversation's words verbatim: stretches are
 * matched longest first, split at sentence punctuation and at typed values, and trimmed of function words at their
 * edges, so "the air fryer at checkout" repeated from "just the air fryer, which" leaves the phrase "air fryer". A
 * short number or code glued to a name within a sentence ("iPhone 13", "Galaxy S22") or qualifying a noun
 * ("4K monitor") stays part of the phrase: it names a thing rather than standing as an id. A lone word right before
 * a typed value labels it ("order ORD-1", "version 7.0.2") and stays text. A value no rule can find again stays as
 * text.
 */
public final class ReplyTemplater {
    /** Closed-class English words: they frame a value, they are never the value. */
    private static final Set<String> FUNCTION_WORDS = Set.of(("a an the this that these those my your our their his "
            + "her its i i'm i've you you're we they he she it it's me us them to of in on at for from by with and or "
            + "but so as if then than is are was were be been am do does did have has had will would can could should "
            + "may might not no yes please just also still only very too there here what which who when where how why "
            + "about into over under after before again off out up down all any some each every one both now "
            + "new old same other another").split(" "));

    /** Model designators are short ("7", "S22", "4K"); longer codes are ids even right after a name. */
    private static final int MAX_DESIGNATOR = 4;

    private ReplyTemplater() {
    }

    /** The template of {@code reply} as an answer to {@code conversation}. */
    public static ObservedReply observe(Conversation conversation, String reply) {
        List<TypedValues.Found> values = TypedValues.find(reply);
        List<Token> tokens = Token.of(reply, values);
        Map<Integer, TypedValues.Found> typedAt = typedTokens(conversation, values, tokens);

        List<int[]> phrases = new ArrayList<>();
        for (int[] span : sharedSpans(conversation, tokens)) {
            phrases.addAll(phrasesIn(tokens, span, typedAt));
        }
        List<Placed> placed = new ArrayList<>();
        Set<TypedValues.Found> insidePhrases = new HashSet<>();
        for (int[] phrase : phrases) {
            int start = tokens.get(phrase[0]).start();
            int end = tokens.get(phrase[1] - 1).end();
            String text = reply.substring(start, end);
            List<String> phraseTokens = tokens.subList(phrase[0], phrase[1]).stream().map(Token::text).toList();
            List<SlotLocator> locators = SlotLocator.explainingPhrase(conversation, phraseTokens, text);
            if (!locators.isEmpty()) {
                placed.add(new Placed(start, end, new ObservedReply.Slot(ValueType.PHRASE, text, locators)));
                for (int i = phrase[0]; i < phrase[1]; i++) {
                    if (typedAt.containsKey(i)) {
                        insidePhrases.add(typedAt.get(i));
                    }
                }
            }
        }
        for (TypedValues.Found value : new HashSet<>(typedAt.values())) {
            if (!insidePhrases.contains(value)) {
                List<SlotLocator> locators = SlotLocator.explainingTyped(conversation, value.type(), value.text());
                if (!locators.isEmpty()) {
                    placed.add(new Placed(value.start(), value.end(),
                            new ObservedReply.Slot(value.type(), value.text(), locators)));
                }
            }
        }
        placed.sort((a, b) -> Integer.compare(a.start, b.start));
        StringBuilder skeleton = new StringBuilder();
        List<ObservedReply.Slot> slots = new ArrayList<>();
        int at = 0;
        for (Placed p : placed) {
            skeleton.append(reply, at, p.start).append(p.slot.type().placeholder());
            slots.add(p.slot);
            at = p.end;
        }
        skeleton.append(reply.substring(at));
        return new ObservedReply(skeleton.toString(), slots);
    }

    /** A slot and the stretch of the reply it replaces. */
    private record Placed(int start, int end, ObservedReply.Slot slot) {
    }

    /** Reply tokens that belong to a typed value the conversation also has, by token index. */
    private static Map<Integer, TypedValues.Found> typedTokens(Conversation conversation,
                                                               List<TypedValues.Found> values, List<Token> tokens) {
        Set<String> known = new HashSet<>();
        conversation.values().forEach(v -> known.add(v.text()));
        Map<Integer, TypedValues.Found> typedAt = new HashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            for (TypedValues.Found value : values) {
                if (known.contains(value.text()) && value.start() <= tokens.get(i).start()
                        && tokens.get(i).end() <= value.end()) {
                    typedAt.put(i, value);
                }
            }
        }
        return typedAt;
    }

    /** The longest stretches of reply tokens found verbatim in one turn, left to right, as {@code [from, to)}. */
    private static List<int[]> sharedSpans(Conversation conversation, List<Token> tokens) {
        List<int[]> spans = new ArrayList<>();
        int i = 0;
        while (i < tokens.size()) {
            int best = 0;
            for (Conversation.Turn turn : conversation.turns()) {
                List<Token> other = turn.tokens();
                for (int k = 0; k < other.size(); k++) {
                    int n = 0;
                    while (i + n < tokens.size() && k + n < other.size()
                            && tokens.get(i + n).text().equals(other.get(k + n).text())) {
                        n++;
                    }
                    best = Math.max(best, n);
                }
            }
            if (best == 0) {
                i++;
            } else {
                spans.add(new int[]{i, i + best});
                i += best;
            }
        }
        return spans;
    }

    /** The phrases of one shared stretch: split at sentence marks and standalone typed values, edges trimmed. */
    private static List<int[]> phrasesIn(List<Token> tokens, int[] span, Map<Integer, TypedValues.Found> typedAt) {
        List<int[]> phrases = new ArrayList<>();
        int from = span[0];
        for (int i = span[0]; i <= span[1]; i++) {
            boolean cut = i == span[1] || tokens.get(i).endsSentence()
                    || (typedAt.containsKey(i) && !namesAThing(tokens, i, span, typedAt));
            if (cut) {
                boolean labelsValue = i < span[1] && typedAt.containsKey(i) && i - from == 1
                        && tokens.get(from).isWord();
                if (!labelsValue) {
                    addTrimmed(tokens, from, i, phrases);
                }
                from = i + 1;
            }
        }
        return phrases;
    }

    /** Whether a typed token is part of a name ("Pixel 7") or qualifies a noun ("4K monitor") inside the stretch. */
    private static boolean namesAThing(List<Token> tokens, int i, int[] span, Map<Integer, TypedValues.Found> typedAt) {
        TypedValues.Found value = typedAt.get(i);
        if (value.type() != ValueType.CODE && value.type() != ValueType.NUMBER
                || value.start() != tokens.get(i).start() || value.end() != tokens.get(i).end()) {
            return false;
        }
        String text = value.text();
        if (text.length() > MAX_DESIGNATOR || !text.chars().allMatch(Character::isLetterOrDigit)) {
            return false;
        }
        boolean afterName = i > span[0] && !typedAt.containsKey(i - 1) && isName(tokens.get(i - 1).text())
                && i - 1 > 0 && !tokens.get(i - 2).endsSentence();
        boolean qualifier = value.type() == ValueType.CODE && i + 1 < span[1]
                && isContentWord(tokens.get(i + 1).text())
                && Character.isLowerCase(tokens.get(i + 1).text().charAt(0));
        return afterName || qualifier;
    }

    private static boolean isName(String word) {
        return word.length() > 1 && Character.isLetter(word.charAt(0)) && !word.equals(word.toLowerCase(Locale.ROOT))
                && !FUNCTION_WORDS.contains(word.toLowerCase(Locale.ROOT));
    }

    private static boolean isContentWord(String word) {
        long letters = word.chars().filter(Character::isLetter).count();
        return letters >= 3 && !FUNCTION_WORDS.contains(word.toLowerCase(Locale.ROOT));
    }

    private static void addTrimmed(List<Token> tokens, int from, int to, List<int[]> out) {
        while (from < to && !keepsEdge(tokens.get(from))) {
            from++;
        }
        while (to > from && !keepsEdge(tokens.get(to - 1))) {
            to--;
        }
        if (to - from < 1 || to - from > PhraseAnchors.MAX_TOKENS) {
            return;
        }
        for (int i = from; i < to; i++) {
            if (isContentWord(tokens.get(i).text())) {
                out.add(new int[]{from, to});
                return;
            }
        }
    }

    private static boolean keepsEdge(Token token) {
        return token.isWord() && !FUNCTION_WORDS.contains(token.text().toLowerCase(Locale.ROOT));
    }
}
