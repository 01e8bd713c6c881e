package io.sparkdistill.student.reply;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds a phrase by the words around it. A product, a plan or a city has no form of its own, but the conversation
 * frames it the same way each time a kind of request is made ("sent back the ... (order", "my ... before the
 * renewal"), so the words on either side of where training found the phrase find the new conversation's phrase.
 *
 * <p>Contexts are one or two tokens on each side, lower-cased, typed values as their placeholder, {@code ^} and
 * {@code $} for the start and end of a turn. The most recent turn that matches wins, since a reply talks about what
 * was said last.
 */
final class PhraseAnchors {
    /** Longest phrase copied, in tokens: longer shared stretches are repeated sentences, not values. */
    static final int MAX_TOKENS = 6;
    static final String START = "^";
    static final String END = "$";

    private PhraseAnchors() {
    }

    /** The contexts of every place where {@code phrase} (its tokens, verbatim) stands in the conversation. */
    static List<String[]> contextsOf(Conversation conversation, List<String> phrase) {
        List<String[]> contexts = new ArrayList<>();
        for (Conversation.Turn turn : conversation.turns()) {
            List<Token> tokens = turn.tokens();
            for (int k = 0; k + phrase.size() <= tokens.size(); k++) {
                if (matchesText(tokens, k, phrase)) {
                    int after = k + phrase.size();
                    contexts.add(new String[]{context(tokens, k - 2, k), context(tokens, after, after + 2)});
                    contexts.add(new String[]{context(tokens, k - 1, k), context(tokens, after, after + 1)});
                }
            }
        }
        return contexts;
    }

    /** The phrase standing between {@code left} and {@code right} in the latest turn that has one. */
    static Optional<String> find(Conversation conversation, String left, String right) {
        String[] l = left.split(" ");
        String[] r = right.split(" ");
        List<Conversation.Turn> turns = conversation.turns();
        for (int t = turns.size() - 1; t >= 0; t--) {
            Conversation.Turn turn = turns.get(t);
            List<Token> tokens = turn.tokens();
            for (int k = 0; k < tokens.size(); k++) {
                if (!matchesContext(tokens, k - l.length, l)) {
                    continue;
                }
                for (int n = 1; n <= MAX_TOKENS && k + n <= tokens.size(); n++) {
                    if (tokens.get(k + n - 1).endsSentence()) {
                        break;
                    }
                    if (matchesContext(tokens, k + n, r)) {
                        return Optional.of(turn.content().substring(tokens.get(k).start(),
                                tokens.get(k + n - 1).end()));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean matchesText(List<Token> tokens, int from, List<String> phrase) {
        for (int i = 0; i < phrase.size(); i++) {
            if (!tokens.get(from + i).text().equals(phrase.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** The contexts of tokens {@code [from, to)}, with the turn's edges as {@code ^} and {@code $}. */
    private static String context(List<Token> tokens, int from, int to) {
        StringBuilder out = new StringBuilder();
        for (int i = Math.max(from, -1); i < Math.min(to, tokens.size() + 1); i++) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(i < 0 ? START : i >= tokens.size() ? END : tokens.get(i).context());
            if (i >= tokens.size()) {
                break;
            }
        }
        return out.toString();
    }

    /** Whether {@code context} stands at {@code from}, where -1 is the turn's start and size() its end. */
    private static boolean matchesContext(List<Token> tokens, int from, String[] context) {
        for (int i = 0; i < context.length; i++) {
            int at = from + i;
            String expected = context[i];
            if (at < 0) {
                // only the start marker may stand before the first token, and only right before it
                if (!(expected.equals(START) && at == -1)) {
                    return false;
                }
            } else if (at >= tokens.size()) {
                return expected.equals(END) && at == tokens.size();
            } else if (!tokens.get(at).context().equals(expected)) {
                return false;
            }
        }
        return true;
    }
}
