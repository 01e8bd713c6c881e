package io.sparkdistill.evaluate.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sparkdistill.student.text.Answerer;
import io.sparkdistill.student.text.TextExample;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NearestConversationReplyTest {
    private static final List<TextExample> TRAINING = List.of(
            conversation("I want to cancel my membership.", "Your membership is cancelled."),
            conversation("Where is my parcel? It has not arrived.", "Your parcel is on its way."),
            conversation("My parcel arrived broken.", "Sorry, we will send a new one."));

    private static String messages(String... userTurns) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < userTurns.length; i++) {
            json.append(i == 0 ? "" : ",").append("{\"role\": \"user\", \"content\": \"").append(userTurns[i])
                    .append("\"},{\"role\": \"assistant\", \"content\": \"parcel parcel parcel cancel\"}");
        }
        return json.append("]").toString();
    }

    private static TextExample conversation(String userTurn, String reply) {
        return TextExample.of(Map.of("messages", messages(userTurn)), reply, List.of(reply));
    }

    private static String reply(String... userTurns) {
        return new NearestConversationReply().fit(TRAINING).answer(Map.of("messages", messages(userTurns))).text();
    }

    @Test
    void answersTheReplyOfTheTrainingConversationWhoseUserTurnsShareTheMostWords() {
        assertEquals("Your parcel is on its way.", reply("Hello, where is my PARCEL?"));
        assertEquals("Sorry, we will send a new one.", reply("The parcel arrived, but it is broken."));
        assertEquals("Your membership is cancelled.", reply("Hi.", "Please cancel the membership."));
    }

    @Test
    void comparesTheShareOfWordsSoThatALongConversationDoesNotWinByLength() {
        List<TextExample> training = List.of(
                conversation("my order has not arrived and I am waiting and waiting for my order to come",
                        "Let me check the order."),
                conversation("refund my order", "Your refund is on its way."));
        Answerer answerer = new NearestConversationReply().fit(training);
        assertEquals("Your refund is on its way.",
                answerer.answer(Map.of("messages", messages("refund my order, I am waiting"))).text());
    }

    @Test
    void readsOnlyTheUserTurns() {
        String assistantTalksOfMembership = "[{\"role\": \"user\", \"content\": \"Where is my parcel?\"},"
                + "{\"role\": \"assistant\", \"content\": \"I want to cancel my membership\"},"
                + "{\"role\": \"user\", \"content\": \"Still waiting.\"}]";
        assertEquals("Your parcel is on its way.", new NearestConversationReply().fit(TRAINING)
                .answer(Map.of("messages", assistantTalksOfMembership)).text());
    }

    @Test
    void takesTheFirstConversationOnATie() {
        assertEquals("Your membership is cancelled.", reply("Good morning"));
    }

    @Test
    void learnsTheGoldReplyNotATeachersTarget() {
        TextExample taught = new TextExample(Map.of("messages", messages("hello")), "teacher's reply",
                List.of("teacher's reply"), List.of("gold reply"));
        assertEquals("gold reply", new NearestConversationReply().fit(List.of(taught))
                .answer(Map.of("messages", messages("hello"))).text());
    }

    @Test
    void refusesMessagesThatAreNotAJsonArrayAndAnEmptyTrainingSet() {
        Answerer answerer = new NearestConversationReply().fit(TRAINING);
        assertThrows(IllegalArgumentException.class, () -> answerer.answer(Map.of("messages", "{\"role\": 1}")));
        assertThrows(IllegalArgumentException.class, () -> answerer.answer(Map.of("messages", "not json")));
        assertThrows(IllegalArgumentException.class, () -> new NearestConversationReply().fit(List.of()));
    }

    @Test
    void theFittedRuleSurvivesJavaSerialisation() throws Exception {
        Answerer copy = Serialisation.roundTrip(new NearestConversationReply().fit(TRAINING));
        assertEquals("Your parcel is on its way.",
                copy.answer(Map.of("messages", messages("where is my parcel"))).text());
    }
}
