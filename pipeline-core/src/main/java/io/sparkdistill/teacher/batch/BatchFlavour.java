package io.sparkdistill.teacher.batch;

import io.sparkdistill.teacher.api.EndpointConfig;

/**
 * Which Batch API a file is written for. The two take the same JSON Lines shape and differ in the request
 * {@code url} of each line and in what {@code body.model} names.
 */
public enum BatchFlavour {
    /** OpenAI's Batch API (and compatible ones): url {@code /v1/chat/completions}, model = the model name. */
    OPENAI("/v1/chat/completions"),
    /** Azure OpenAI global batch: url {@code /chat/completions}, model = the global-batch deployment name. */
    AZURE_OPENAI("/chat/completions");

    private final String url;

    BatchFlavour(String url) {
        this.url = url;
    }

    /** The {@code url} every input line carries. */
    public String url() {
        return url;
    }

    /**
     * The flavour of a teacher endpoint: {@code azure-openai} is Azure's global batch, {@code openai} and
     * {@code generic} (OpenAI-compatible servers with a Batch API, e.g. vLLM's batch runner) are OpenAI's.
     *
     * @throws IllegalArgumentException for {@code azure-ai-inference}, which has no batch API
     */
    public static BatchFlavour of(EndpointConfig endpoint) {
        return switch (endpoint.provider()) {
            case OPENAI, GENERIC -> OPENAI;
            case AZURE_OPENAI -> AZURE_OPENAI;
            case AZURE_AI_INFERENCE -> throw new IllegalArgumentException("teacher endpoint provider "
                    + endpoint.provider().configName() + " has no Batch API; use openai or azure-openai (a global "
                    + "batch deployment) to write a batch input file");
        };
    }
}
