package io.sparkdistill.student.reply;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A candidate reply: text with slots, each slot with the rules that find its value in a conversation, best first,
 * and the value training saw most (what a phrase slot keeps when no rule finds one).
 *
 * @param skeleton the text with each slot as its type's placeholder: what the reply encoder reads and what
 *                 identifies the template
 * @param literals the text between the slots: one more than there are slots
 * @param slots    the slots, in reading order
 * @param count    how many training replies had this template (a soft target counts its share)
 */
public record ReplyTemplate(String skeleton, List<String> literals, List<Slot> slots, long count)
        implements Serializable {

    /** One slot: its type, its rules best first, and its most frequent training value. */
    public record Slot(ValueType type, List<SlotLocator> locators, String fallback) implements Serializable {
        public Slot {
            locators = List.copyOf(locators);
        }
    }

    public ReplyTemplate {
        literals = List.copyOf(literals);
        slots = List.copyOf(slots);
        if (literals.size() != slots.size() + 1) {
            throw new IllegalArgumentException("a template with " + slots.size() + " slots needs "
                    + (slots.size() + 1) + " literal parts, got " + literals.size());
        }
    }

    /** Splits a skeleton at its placeholders; the slots must be given in the same order. */
    public static ReplyTemplate of(String skeleton, List<Slot> slots, long count) {
        List<String> literals = new ArrayList<>();
        int at = 0;
        for (Slot slot : slots) {
            int found = skeleton.indexOf(slot.type().placeholder(), at);
            if (found < 0) {
                throw new IllegalArgumentException("no " + slot.type().placeholder() + " left in '" + skeleton + "'");
            }
            literals.add(skeleton.substring(at, found));
            at = found + slot.type().placeholder().length();
        }
        literals.add(skeleton.substring(at));
        return new ReplyTemplate(skeleton, literals, slots, count);
    }

    /** The types of this template's slots, once each, so the encoder sees what the reply needs. */
    public List<ValueType> slotTypes() {
        return slots.stream().map(Slot::type).distinct().toList();
    }

    /** A filled template: its text, and how many phrase slots found no value and kept their training value. */
    public record Filling(String text, int fallbacks) {
    }

    /** This template's reply to {@code conversation}, or empty when a required (typed) slot finds no value. */
    public Optional<Filling> fill(Conversation conversation) {
        return fill(conversation, false);
    }

    /**
     * This template's reply with every slot that finds no value given its training value: the last resort of a
     * student none of whose candidates fits the conversation.
     */
    public Filling fillWithFallbacks(Conversation conversation) {
        return fill(conversation, true).orElseThrow();
    }

    private Optional<Filling> fill(Conversation conversation, boolean lenient) {
        StringBuilder out = new StringBuilder(literals.get(0));
        int fallbacks = 0;
        for (int i = 0; i < slots.size(); i++) {
            Slot slot = slots.get(i);
            String value = null;
            for (SlotLocator locator : slot.locators()) {
                Optional<String> found = locator.find(conversation, slot.type());
                if (found.isPresent()) {
                    value = found.get();
                    break;
                }
            }
            if (value == null) {
                if (slot.type().required() && !lenient) {
                    return Optional.empty();
                }
                value = slot.fallback();
                fallbacks++;
            }
            out.append(value).append(literals.get(i + 1));
        }
        return Optional.of(new Filling(out.toString(), fallbacks));
    }
}
