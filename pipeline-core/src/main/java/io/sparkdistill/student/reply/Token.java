package io.sparkdistill.student.reply;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One token of a reply or a turn, with where it stands, so that a value found by tokens is copied with the text's
 * own spacing and punctuation. Words keep inner punctuation ({@code ORD-596427}, {@code €12.50},
 * {@code zoe@proton.me}, {@code kids'}) and lose a final full stop; every other punctuation mark is a token.
 *
 * @param context how the token is matched around a value: lower-cased, or its value type's placeholder when it is
 *                part of a typed value, so "after order {code}" matches whichever order id follows
 */
public record Token(int start, int end, String text, String context) {

    private static final Pattern WORD = Pattern.compile(
            "[\\w$€£¥₹#@][\\w@#$€£¥₹'’.\\-/+]*[\\w']|[\\w$€£¥₹#]|[^\\w\\s]");

    /** Sentence punctuation: a copied phrase never crosses it. */
    public boolean endsSentence() {
        return text.length() == 1 && ".!?;:()\"".indexOf(text.charAt(0)) >= 0;
    }

    public boolean isWord() {
        return Character.isLetterOrDigit(text.charAt(0));
    }

    /** The tokens of {@code text}, each tagged with the type of the typed value it is part of, if any. */
    public static List<Token> of(String text, List<TypedValues.Found> values) {
        List<Token> tokens = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            String context = m.group().toLowerCase(Locale.ROOT);
            for (TypedValues.Found value : values) {
                if (value.start() <= m.start() && m.end() <= value.end()) {
                    context = value.type().placeholder();
                }
            }
            tokens.add(new Token(m.start(), m.end(), m.group(), context));
        }
        return tokens;
    }
}
