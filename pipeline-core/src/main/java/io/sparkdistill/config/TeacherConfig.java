package io.sparkdistill.config;

import java.io.Serializable;

/**
 * The teacher.
 *
 * @param kind      {@code embedded} (default): all-MiniLM-L6-v2 run on the executors with a classification head fitted
 *                  on the labelled training split, no network; {@code api}: an OpenAI-compatible chat-completions
 *                  endpoint (OpenAI, Azure OpenAI, Azure AI Foundry, vLLM, TGI, Ollama, DeepSeek); or {@code local}:
 *                  a user's model run on the executors (see {@code local})
 * @param batchSize embedded: examples per encoder call on an executor (default 32)
 * @param headRegularization embedded: L2 strength of the head's logistic regression (default 0.001)
 * @param headMaxIterations  embedded: iteration cap of the head's fit (default 200)
 * @param endpoint           api: where the teacher is and how to authenticate
 * @param generation         api: sampling parameters
 * @param requestsPerMinute  api: limit for the whole job, shared by its executors (default: none)
 * @param tokensPerMinute    api: limit for the whole job, shared by its executors (default: none)
 * @param maxAttempts        api: attempts per example before it is recorded as failed (default 5)
 * @param promptTemplate     api: a template file replacing the built-in one of the task
 * @param rationale          api: ask for {"reason", "answer"} JSON and keep the reason (default false)
 * @param promptPricePerMillion     api: price of a million prompt tokens, for the cost estimate (default 0)
 * @param completionPricePerMillion api: price of a million completion tokens (default 0)
 * @param minAcceptedShare   api: the run fails when fewer of the examples answered are accepted (default 0.7)
 * @param commitEveryRows    api: answers are written every this many examples, so a killed run loses at most that
 *                           many paid answers (default 5000)
 * @param local              local: a user's DJL-loadable model (ONNX or PyTorch) from a path or Hadoop URL
 */
public record TeacherConfig(String kind, Integer batchSize, Double headRegularization, Integer headMaxIterations,
                            EndpointSettings endpoint, GenerationSettings generation, Integer requestsPerMinute,
                            Integer tokensPerMinute, Integer maxAttempts, String promptTemplate, Boolean rationale,
                            Double promptPricePerMillion, Double completionPricePerMillion,
                            Double minAcceptedShare, Integer commitEveryRows, LocalModelSettings local)
        implements Serializable {

    public static final String EMBEDDED = "embedded";
    public static final String API = "api";
    public static final String LOCAL = "local";

    public TeacherConfig {
        kind = kind == null ? EMBEDDED : kind;
        batchSize = batchSize == null ? 32 : batchSize;
        headRegularization = headRegularization == null ? 0.001 : headRegularization;
        headMaxIterations = headMaxIterations == null ? 200 : headMaxIterations;
        generation = generation == null ? GenerationSettings.defaults() : generation;
        maxAttempts = maxAttempts == null ? 5 : maxAttempts;
        rationale = rationale != null && rationale;
        promptPricePerMillion = promptPricePerMillion == null ? 0.0 : promptPricePerMillion;
        completionPricePerMillion = completionPricePerMillion == null ? 0.0 : completionPricePerMillion;
        minAcceptedShare = minAcceptedShare == null ? 0.7 : minAcceptedShare;
        commitEveryRows = commitEveryRows == null ? 5000 : commitEveryRows;
    }

    public static TeacherConfig defaults() {
        return new TeacherConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null);
    }

    public boolean isApi() {
        return API.equals(kind);
    }

    public boolean isLocal() {
        return LOCAL.equals(kind);
    }
}
