package io.sparkdistill.student.reply;

import java.util.List;

/**
 * One training reply seen as a template: its text with a placeholder where each value taken from the conversation
 * stood, and for each slot the value it had and every rule that finds that value in its conversation.
 */
public record ObservedReply(String skeleton, List<Slot> slots) {

    /** A slot as training saw it. */
    public record Slot(ValueType type, String value, List<SlotLocator> locators) {
        public Slot {
            locators = List.copyOf(locators);
        }
    }

    public ObservedReply {
        slots = List.copyOf(slots);
    }
}
