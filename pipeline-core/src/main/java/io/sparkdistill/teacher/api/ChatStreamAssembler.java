package io.sparkdistill.teacher.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Assembles a server-sent-events chat stream ({@code data: {chunk}} events ending in {@code data: [DONE]}) into the
 * same {@link ChatResponse} a non-streamed call gives. We never ask for a stream, but some gateways and
 * misconfigured servers send one anyway, and a teacher answer must not be lost because of it.
 * <p>
 * Reads the event stream as the HTML standard defines it: CRLF, CR or LF line ends; a leading byte-order mark;
 * comments ({@code : ping}, OpenRouter's {@code : OPENROUTER PROCESSING}) and {@code event:}, {@code id:},
 * {@code retry:} fields skipped; {@code data:} with or without the space; an event's data lines joined by newlines;
 * {@code [DONE]} with whitespace around it. An event holding several JSON chunks (a server that forgot the blank
 * line between them) is read chunk by chunk. Handles what real streams carry: Azure's leading chunk with empty
 * {@code choices}, {@code prompt_filter_results} and a blank model and id; deltas with {@code content: null} during
 * DeepSeek's reasoning phase; usage on the finish chunk (DeepSeek), in a final chunk whose {@code choices} is empty
 * (OpenAI's include_usage), or in {@code x_groq.usage} (Groq); per-token logprobs spread over the chunks; an error
 * event midway ({@link ErrorClassifier#fromErrorInBody}). A stream that ends with neither {@code [DONE]} nor a
 * {@code finish_reason} was cut off, and is a retriable {@link TeacherCallException.Kind#CONNECTION} failure rather
 * than half an answer.
 */
final class ChatStreamAssembler {
    private static final String DONE = "[DONE]";

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
        boolean done = false;
        for (String data : dataPayloads(stream)) {
            if (data.strip().equals(DONE)) {
                done = true;
                break;
            }
            for (JsonNode chunk : jsonValues(data, chunks, status)) {
                if (chunk.hasNonNull("error")) {
                    throw ErrorClassifier.fromErrorInBody(ProviderError.from(chunk), status,
                            "stream ended with an error");
                }
                chunks++;
                model = model != null ? model : nonBlank(chunk, "model");
                id = id != null ? id : nonBlank(chunk, "id");
                ChatResponse.Usage chunkUsage = ChatResponseParser.usage(chunk);
                usage = chunkUsage != null ? chunkUsage : usage;
                for (JsonNode c : chunk.path("choices")) {
                    choices.computeIfAbsent(c.path("index").asInt(0), ChoiceBuilder::new).add(c);
                }
            }
        }
        if (chunks == 0) {
            throw ChatResponseParser.malformed("stream holds no chunk", status, null);
        }
        if (!done && choices.values().stream().noneMatch(ChoiceBuilder::finished)) {
            throw new TeacherCallException(TeacherCallException.Kind.CONNECTION, status,
                    "teacher stream was cut off: it ended after " + chunks + " chunks without [DONE] or a"
                            + " finish_reason", null, null, null);
        }
        return new ChatResponse(choices.values().stream().map(ChoiceBuilder::build).toList(), usage, model, id);
    }

    /** The JSON values of one event's data: usually one chunk. */
    private List<JsonNode> jsonValues(String data, int chunksBefore, int status) {
        try (MappingIterator<JsonNode> values = mapper.readerFor(JsonNode.class).readValues(data)) {
            return values.readAll();
        } catch (IOException e) {
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw ChatResponseParser.malformed("stream chunk " + (chunksBefore + 1) + " is not JSON (" + why + ")",
                    status, e);
        }
    }

    /** A string field, null when absent, JSON null or blank (Azure's filter-results chunk has model and id ""). */
    private static String nonBlank(JsonNode chunk, String field) {
        String value = ChatResponseParser.text(chunk, field);
        return value == null || value.isBlank() ? null : value;
    }

    /** The data of every event: its {@code data} fields joined by newlines; comments and other fields skipped. */
    private static List<String> dataPayloads(String stream) {
        List<String> payloads = new ArrayList<>();
        StringBuilder event = null;
        String text = stream.startsWith("\uFEFF") ? stream.substring(1) : stream;
        for (String line : text.split("\r\n|\r|\n", -1)) {
            if (line.isEmpty()) {
                if (event != null) {
                    payloads.add(event.toString());
                    event = null;
                }
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            if (!field.equals("data")) {
                continue;
            }
            String value = colon < 0 ? "" : line.substring(colon + 1);
            value = value.startsWith(" ") ? value.substring(1) : value;
            event = event == null ? new StringBuilder(value) : event.append('\n').append(value);
        }
        if (event != null) {
            payloads.add(event.toString());
        }
        return payloads;
    }

    /** One choice's text, reasoning, tool calls and logprobs accumulated over its deltas. */
    private static final class ChoiceBuilder {
        private final int index;
        private StringBuilder content;
        private StringBuilder refusal;
        private StringBuilder reasoning;
        private String finishReason;
        private final Set<Integer> toolCalls = new TreeSet<>();
        private boolean functionCall;
        private final List<ChatResponse.TokenLogprob> logprobs = new ArrayList<>();

        ChoiceBuilder(int index) {
            this.index = index;
        }

        void add(JsonNode choice) {
            JsonNode delta = choice.path("delta");
            MessageText texts = MessageText.of(delta);
            content = append(content, texts.content());
            refusal = append(refusal, texts.refusal());
            reasoning = append(reasoning, texts.reasoning());
            // a call's name and arguments arrive over several deltas that share its index
            for (JsonNode call : delta.path("tool_calls")) {
                toolCalls.add(call.path("index").asInt(0));
            }
            functionCall |= delta.path("function_call").isObject();
            String finish = ChatResponseParser.text(choice, "finish_reason");
            finishReason = finish != null ? finish : finishReason;
            logprobs.addAll(ChatResponseParser.logprobs(choice.path("logprobs")));
        }

        boolean finished() {
            return finishReason != null;
        }

        private static StringBuilder append(StringBuilder sb, String piece) {
            if (piece == null) {
                return sb;
            }
            return sb == null ? new StringBuilder(piece) : sb.append(piece);
        }

        ChatResponse.Choice build() {
            return new ChatResponse.Choice(index, string(content), string(refusal), string(reasoning), finishReason,
                    toolCalls.size() + (functionCall ? 1 : 0), logprobs);
        }

        private static String string(StringBuilder sb) {
            return sb == null ? null : sb.toString();
        }
    }
}
