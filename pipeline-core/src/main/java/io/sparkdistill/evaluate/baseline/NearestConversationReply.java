package io.sparkdistill.evaluate.baseline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdistill.student.text.Answerer;
import io.sparkdistill.student.text.TextAnswer;
import io.sparkdistill.student.text.TextExample;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Conversation's trivial baseline, a nearest neighbour: the gold reply of the training conversation whose user turns
 * share the largest part of their {@link NormalisedWords words} with the user turns of the conversation answered:
 * shared words over the words of either (Jaccard), the first such conversation on ties. A plain count of shared words
 * would favour the longest training conversations, which share many words with anything. Support conversations repeat a
 * few requests, so a reply retrieved whole from a similar one already scores well; a student must write a reply fitted
 * to this conversation to beat it.
 */
public final class NearestConversationReply implements TrivialBaseline {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String description() {
        return "the reply of the training conversation whose user turns overlap most in words";
    }

    /** @throws IllegalArgumentException if there is no training conversation to retrieve from */
    @Override
    public Answerer fit(List<TextExample> training) {
        if (training.isEmpty()) {
            throw new IllegalArgumentException("a nearest-neighbour reply needs at least one training conversation");
        }
        List<Set<String>> words = new ArrayList<>(training.size());
        List<String> replies = new ArrayList<>(training.size());
        for (TextExample example : training) {
            words.add(userWords(example.inputs()));
            replies.add(GoldAnswer.of(example));
        }
        return new Nearest(words, replies);
    }

    /** The words of every user turn of the {@code messages} input, a JSON array of {role, content}. */
    static Set<String> userWords(Map<String, String> inputs) {
        String messages = RequiredInput.of(inputs, "messages");
        JsonNode turns;
        try {
            turns = JSON.readTree(messages);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the conversation's messages are not JSON: " + messages, e);
        }
        if (turns == null || !turns.isArray()) {
            throw new IllegalArgumentException("the conversation's messages are not a JSON array: " + messages);
        }
        StringBuilder user = new StringBuilder();
        for (JsonNode turn : turns) {
            if ("user".equals(turn.path("role").asText())) {
                user.append(turn.path("content").asText()).append('\n');
            }
        }
        return NormalisedWords.of(user.toString());
    }

    /** Every training conversation's user words beside its reply; a reply is retrieved, never written. */
    private record Nearest(List<Set<String>> words, List<String> replies) implements Answerer, Serializable {
        @Override
        public TextAnswer answer(Map<String, String> inputs) {
            Set<String> asked = userWords(inputs);
            int best = 0;
            double bestOverlap = -1;
            for (int i = 0; i < words.size(); i++) {
                double overlap = NormalisedWords.overlap(asked, words.get(i));
                if (overlap > bestOverlap) {
                    best = i;
                    bestOverlap = overlap;
                }
            }
            return new TextAnswer(replies.get(best), 1);
        }
    }
}
