package io.sparkdistill.student.reply;

import io.sparkdistill.teacher.TokenEmbeddingTable;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Replies become templates whose slots take another conversation's values, and fill back to the reply itself. */
class ReplyTemplaterTest {

    private static final Conversation REFUND = Conversation.of(
            "Hi Maria here. I returned the espresso machine from order AB-55172 on 3 March and still no refund of "
                    + "€84.20.",
            "Sorry about that, Maria. I can see the espresso machine from order AB-55172 arrived back.",
            "It's been 12 days. My email is maria.k@example.org.");
    private static final String REPLY = "Thanks Maria. I've refunded €84.20 for the espresso machine "
            + "(order AB-55172, received 3 March); a receipt is on its way to maria.k@example.org.";

    private static ReplyTemplate template(Conversation conversation, String reply) {
        ObservedReply observed = ReplyTemplater.observe(conversation, reply);
        List<ReplyTemplate.Slot> slots = observed.slots().stream()
                .map(s -> new ReplyTemplate.Slot(s.type(), s.locators(), s.value())).toList();
        return ReplyTemplate.of(observed.skeleton(), slots, 1);
    }

    @Test
    void amountsIdsDatesEmailsNamesAndProductsBecomeSlots() {
        ObservedReply observed = ReplyTemplater.observe(REFUND, REPLY);
        assertEquals("Thanks {phrase}. I've refunded {amount} for the {phrase} (order {code}, received {date}); "
                + "a receipt is on its way to {email}.", observed.skeleton());
        assertEquals(List.of("Maria", "€84.20", "espresso machine", "AB-55172", "3 March", "maria.k@example.org"),
                observed.slots().stream().map(ObservedReply.Slot::value).toList());
    }

    @Test
    void aTemplateFilledFromItsOwnConversationGivesBackTheReply() {
        assertEquals(REPLY, template(REFUND, REPLY).fill(REFUND).orElseThrow().text());
    }

    @Test
    void aTemplateFilledFromAnotherConversationTakesThatConversationsValues() {
        Conversation other = Conversation.of(
                "Hi Tomasz here. I returned the rice cooker from order QX-90413 on 17 April and still no refund of "
                        + "£39.99.",
                "Sorry about that, Tomasz. I can see the rice cooker from order QX-90413 arrived back.",
                "It's been 5 days. My email is tomasz.w@example.com.");
        assertEquals("Thanks Tomasz. I've refunded £39.99 for the rice cooker (order QX-90413, received 17 April); a "
                + "receipt is on its way to tomasz.w@example.com.", template(REFUND, REPLY).fill(other).orElseThrow()
                .text());
    }

    @Test
    void aTemplateWhoseTypedValueIsMissingDoesNotFitButAMissingPhraseKeepsItsTrainingWords() {
        ReplyTemplate template = template(REFUND, REPLY);
        assertTrue(template.fill(Conversation.of("Where is my parcel?")).isEmpty(), "no amount, id, date or e-mail");
        ReplyTemplate phraseOnly = template(Conversation.of("Can I return my espresso machine?"),
                "Yes, the espresso machine can be returned within 30 days.");
        ReplyTemplate.Filling filling = phraseOnly.fill(Conversation.of("Hello?")).orElseThrow();
        assertEquals("Yes, the espresso machine can be returned within 30 days.", filling.text());
        assertEquals(1, filling.fallbacks());
    }

    @Test
    void typedValuesAreRecognisedByTheirForm() {
        Map<String, ValueType> expected = Map.of("€84.20", ValueType.AMOUNT, "$5", ValueType.AMOUNT,
                "AB-55172", ValueType.CODE, "#481516", ValueType.CODE, "3 March", ValueType.DATE,
                "June 5th", ValueType.DATE, "14:30", ValueType.TIME, "maria.k@example.org", ValueType.EMAIL,
                "12", ValueType.NUMBER);
        expected.forEach((text, type) -> {
            List<TypedValues.Found> found = TypedValues.find("It is " + text + ", see.");
            assertEquals(1, found.size(), text);
            assertEquals(type, found.get(0).type(), text);
            assertEquals(text, found.get(0).text(), text);
        });
    }

    @Test
    void aSlotWhoseValueNeverChangesAcrossItsRepliesBecomesTextAgain() {
        Conversation first = Conversation.of("My order ORD-1111 is late.");
        Conversation second = Conversation.of("My order ORD-2222 is late.");
        Map<String, Long> counts = new HashMap<>();
        for (var pair : List.of(Map.entry(first, "Sorry, your order ORD-1111 is on its way."),
                Map.entry(second, "Sorry, your order ORD-2222 is on its way."))) {
            TemplateKeys.of(ReplyTemplater.observe(pair.getKey(), pair.getValue()))
                    .forEach(k -> counts.merge(k, 1L, Long::sum));
        }
        CandidateSet set = CandidateSetBuilder.build(counts, new SelectionSizes(64, 1, 0, 4, 8, 10, 1, 10),
                TokenEmbeddingTable.shared());
        assertEquals(1, set.size());
        assertEquals("Sorry, your order {code} is on its way.", set.templates().get(0).skeleton());
    }
}
