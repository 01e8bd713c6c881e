package io.sparkdistill.student.reply;

import io.sparkdistill.student.WordVocabulary;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one training reply adds to the counts the candidate set is built from, as keys the train stage sums:
 * <ul>
 *   <li>{@code T} skeleton: the template's frequency;</li>
 *   <li>{@code V} skeleton, slot, value: the values a slot took, so that a slot whose value never changed across
 *       the template's replies becomes text again ("order", "Settings" are the teacher's words, not values);</li>
 *   <li>{@code L} skeleton, slot, rule: the rules that found the value, so the best fitting one is tried first;</li>
 *   <li>{@code W} word: words of conversations and replies, whose teacher vectors the student keeps.</li>
 * </ul>
 * Fields are separated by the ASCII record separator, which text does not contain (it is removed if it does).
 */
final class TemplateKeys {
    static final char SEPARATOR = '\u001e';
    static final String TEMPLATE = "T";
    static final String VALUE = "V";
    static final String LOCATOR = "L";
    static final String WORD = "W";

    private TemplateKeys() {
    }

    static List<String> of(ObservedReply reply) {
        List<String> keys = new ArrayList<>();
        String skeleton = clean(reply.skeleton());
        keys.add(join(TEMPLATE, skeleton));
        for (int i = 0; i < reply.slots().size(); i++) {
            ObservedReply.Slot slot = reply.slots().get(i);
            keys.add(join(VALUE, skeleton, Integer.toString(i), clean(slot.value())));
            for (SlotLocator locator : slot.locators()) {
                keys.add(join(LOCATOR, skeleton, Integer.toString(i), clean(locator.rule())));
            }
        }
        return keys;
    }

    /** The distinct words of the texts, digits-free (ids and amounts have no useful word vector). */
    static List<String> words(List<String> texts) {
        Set<String> words = new LinkedHashSet<>();
        for (String text : texts) {
            for (String word : WordVocabulary.tokens(text)) {
                if (word.chars().noneMatch(Character::isDigit)) {
                    words.add(join(WORD, word));
                }
            }
        }
        return List.copyOf(words);
    }

    /** The skeleton as the keys (and so the candidate set) spell it. */
    static String skeleton(ObservedReply reply) {
        return clean(reply.skeleton());
    }

    static String[] split(String key) {
        return key.split(String.valueOf(SEPARATOR), -1);
    }

    private static String join(String... fields) {
        return String.join(String.valueOf(SEPARATOR), fields);
    }

    private static String clean(String text) {
        return text.replace(String.valueOf(SEPARATOR), " ");
    }
}
