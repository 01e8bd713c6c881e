package io.sparkdistill.teacher.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Assembles a server-sent-events chat stream ({@code data: {chunk}} events ending in {@code data: [DONE]}) into the
 * same {@link ChatResponse} a non-streamed call gives. We never ask for a stream, but some gateways and
 * misconfigured servers send one anyway, and a teacher answer must not be lost because of it.
 * <p>
 * Handles what real streams do: deltas with {@code content: null} during DeepSeek's reasoning phase, usage on the
 * finish chunk (DeepSeek), in a final chunk whose {@code choices} is empty (OpenAI's include_usage), or in
 * {@code x_groq.usage} (Groq); per-token logprobs spread over the chunks.
 */
final class ChatStreamAssembler {
    private final ObjectMapper mapper;

    ChatStreamAssembler(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ChatResponse assemble(String stream, int status) {
        Map<Integer, ChoiceBuilder> choices = new TreeMap<>();
        ChatResponse.Usage usage = null;
        String model = null;
        String id = null;
        int chunks = 0;
        for (String data : dataPayloads(stream)) {
            if (data.equals("[DONE]")) {
                break;
            }
            JsonNode chunk;
            try {
                chunk = mapper.readTree(data);
            } catch (JsonProcessingException e) {
                throw ChatResponseParser.malformed("stream chunk " + (chunks + 1) + " is not JSON ("
                        + e.getOriginalMessage() + ")", status, e);
            }
            if (chunk.has("error")) {
                throw new TeacherCallException(TeacherCallException.Kind.SERVER_ERROR, status,
                        "teacher stream ended with an error: " + ProviderError.from(chunk).message(), null, null,
                        null);
            }
            chunks++;
            model = model != null ? model : ChatResponseParser.text(chunk, "model");
            id = id != null ? id : ChatResponseParser.text(chunk, "id");
            ChatResponse.Usage chunkUsage = ChatResponseParser.usage(chunk);
            usage = chunkUsage != null ? chunkUsage : usage;
            for (JsonNode c : chunk.path("choices")) {
                choices.computeIfAbsent(c.path("index").asInt(0), ChoiceBuilder::new).add(c);
            }
        }
        if (chunks == 0) {
            throw ChatResponseParser.malformed("stream holds no chunk", status, null);
        }
        return new ChatResponse(choices.values().stream().map(ChoiceBuilder::build).toList(), usage, model, id);
    }

    /** The payload of every event: its {@code data:} lines joined by newlines; comments and other fields skipped. */
    private static List<String> dataPayloads(String stream) {
        List<String> payloads = new ArrayList<>();
        StringBuilder event = null;
        for (String line : stream.split("\r\n|\r|\n", -1)) {
            if (line.isEmpty()) {
                if (event != null) {
                    payloads.add(event.toString());
                    event = null;
                }
            } else if (line.startsWith("data:")) {
                String value = line.substring(5);
                value = value.startsWith(" ") ? value.substring(1) : value;
                event = event == null ? new StringBuilder(value) : event.append('\n').append(value);
            }
        }
        if (event != null) {
            payloads.add(event.toString());
        }
        return payloads;
    }

    /** One choice's text, reasoning and logprobs accumulated over its deltas. */
    private static final class ChoiceBuilder {
        private final int index;
        private StringBuilder content;
        private StringBuilder refusal;
        private StringBuilder reasoning;
        private String finishReason;
        private final List<ChatResponse.TokenLogprob> logprobs = new ArrayList<>();

        ChoiceBuilder(int index) {
            this.index = index;
        }

        void add(JsonNode choice) {
            JsonNode delta = choice.path("delta");
            content = append(content, ChatResponseParser.text(delta, "content"));
            refusal = append(refusal, ChatResponseParser.text(delta, "refusal"));
            reasoning = append(reasoning, ChatResponseParser.reasoning(delta));
            String finish = ChatResponseParser.text(choice, "finish_reason");
            finishReason = finish != null ? finish : finishReason;
            logprobs.addAll(ChatResponseParser.logprobs(choice.path("logprobs")));
        }

        private static StringBuilder append(StringBuilder sb, String piece) {
            if (piece == null) {
                return sb;
            }
            return sb == null ? new StringBuilder(piece) : sb.append(piece);
        }

        ChatResponse.Choice build() {
            return new ChatResponse.Choice(index, string(content), string(refusal), string(reasoning), finishReason,
                    logprobs);
        }

        private static String string(StringBuilder sb) {
            return sb == null ? null : sb.toString();
        }
    }
}
