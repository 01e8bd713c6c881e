package io.sparkdistill.teacher.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkdistill.teacher.api.ChatRequest;
import io.sparkdistill.teacher.api.EndpointConfig;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of a Batch API input file:
 * {@code {"custom_id": <example id>, "method": "POST", "url": <flavour url>, "body": <chat-completions body>}}.
 * The body is {@link ChatRequest#toJson} with {@code model} always set, because a batch line, unlike a
 * synchronous Azure call, has no URL naming the deployment.
 *
 * @param customId the example id; it comes back on the output line and ties the answer to its example
 * @param flavour  OpenAI or Azure OpenAI
 * @param model    the model name (OpenAI) or the global-batch deployment name (Azure)
 * @param request  the prompt and sampling parameters, as the synchronous path would send them
 */
public record BatchRequestLine(String customId, BatchFlavour flavour, String model, ChatRequest request)
        implements Serializable {
    private static final ObjectMapper JSON = new ObjectMapper();

    public BatchRequestLine {
        if (customId == null || customId.isBlank()) {
            throw new IllegalArgumentException("a batch line needs a custom_id (the example id), got '" + customId
                    + "'");
        }
        Objects.requireNonNull(flavour, "flavour");
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("a batch line needs the model (the deployment name for Azure), got '"
                    + model + "'");
        }
        Objects.requireNonNull(request, "request");
    }

    /** The line for one example sent to the teacher of {@code endpoint}. */
    public static BatchRequestLine of(String exampleId, ChatRequest request, EndpointConfig endpoint) {
        return new BatchRequestLine(exampleId, BatchFlavour.of(endpoint), endpoint.model(), request);
    }

    /** The line as JSON. */
    public ObjectNode toJsonNode() {
        ObjectNode line = JSON.createObjectNode();
        line.put("custom_id", customId);
        line.put("method", "POST");
        line.put("url", flavour.url());
        line.set("body", request.toJson(JSON, Optional.of(model)));
        return line;
    }

    /** The line as compact JSON, without a line break (JSON escapes any in the prompt). */
    public String toJson() {
        try {
            return JSON.writeValueAsString(toJsonNode());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write batch line " + customId, e);
        }
    }
}
