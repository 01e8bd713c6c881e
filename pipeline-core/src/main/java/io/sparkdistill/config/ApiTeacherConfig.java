package io.sparkdistill.config;

import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.util.List;

/**
 * A teacher behind an OpenAI-compatible chat-completions endpoint ({@code kind: api}): OpenAI, Azure OpenAI, Azure
 * AI Foundry, vLLM, TGI, Ollama, DeepSeek. Whether the endpoint can be reached as written is the API client's to
 * judge ({@link ApiTeacherRules}).
 *
 * @param endpoint                  where the teacher is and how to authenticate
 * @param generation                sampling parameters
 * @param requestsPerMinute         limit for the whole job, shared by its executors (default: none)
 * @param tokensPerMinute           limit for the whole job, shared by its executors (default: none)
 * @param maxAttempts               attempts per example before it is recorded as failed (default 5)
 * @param promptTemplate            a template file replacing the built-in one of the task
 * @param rationale                 ask for {"reason", "answer"} JSON and keep the reason (default false)
 * @param promptPricePerMillion     price of a million prompt tokens, for the cost estimate (default 0)
 * @param completionPricePerMillion price of a million completion tokens (default 0)
 * @param minAcceptedShare          the run fails when fewer of the examples answered are accepted (default 0.7)
 * @param commitEveryRows           answers are written every this many examples, so a killed run loses at most that
 *                                  many paid answers (default 5000)
 */
// Read as a plain record: the interface's deserializer, which Jackson would inherit, picks this record by kind.
@JsonDeserialize(using = JsonDeserializer.None.class)
public record ApiTeacherConfig(EndpointSettings endpoint, GenerationSettings generation, Integer requestsPerMinute,
                               Integer tokensPerMinute, Integer maxAttempts, String promptTemplate, Boolean rationale,
                               Double promptPricePerMillion, Double completionPricePerMillion,
                               Double minAcceptedShare, Integer commitEveryRows) implements TeacherConfig {

    /** The reference's rows for this kind's keys. */
    public static final List<KeyDoc> KEYS = List.of(
            KeyDoc.of("endpoint.*", "", "api: `provider` (`openai`, `azure-openai`, `azure-ai-inference`, `generic`), "
                    + "`base_url`, `model`, `api_version`, `api_key_env` or `api_key_file`, `headers`, "
                    + "`timeout_seconds` (60), `max_in_flight` (8, per executor JVM, shared by its task slots), "
                    + "`max_consecutive_auth_failures` (20: refusals of the key in a row, per executor JVM, that stop "
                    + "generate)"),
            KeyDoc.of("generation.*", "", "api: `temperature` (0.7), `max_tokens`, `top_p`, `n` (1; more: label "
                    + "tasks average the completions, math takes the majority final answer), `seed`, `stop`, "
                    + "`logprobs` (true), `top_logprobs` (5)"),
            new KeyDoc(List.of("requests_per_minute", "tokens_per_minute"), null, "api: limits for the whole job"),
            KeyDoc.of("max_attempts", "api: attempts per example before it is recorded in `failed/`"),
            new KeyDoc(List.of("prompt_template", "rationale"), "built-in, false",
                    "api: a template file of your own; ask for a reason with the answer"),
            KeyDoc.of("min_accepted_share", "api: the run fails below this share of accepted answers"),
            KeyDoc.of("commit_every_rows", "api: answers are written every this many examples; a killed run keeps "
                    + "them"),
            new KeyDoc(List.of("prompt_price_per_million", "completion_price_per_million"), "0",
                    "api: prices for the cost estimate"));

    public ApiTeacherConfig {
        generation = generation == null ? GenerationSettings.defaults() : generation;
        maxAttempts = maxAttempts == null ? 5 : maxAttempts;
        rationale = rationale != null && rationale;
        promptPricePerMillion = promptPricePerMillion == null ? 0.0 : promptPricePerMillion;
        completionPricePerMillion = completionPricePerMillion == null ? 0.0 : completionPricePerMillion;
        minAcceptedShare = minAcceptedShare == null ? 0.7 : minAcceptedShare;
        commitEveryRows = commitEveryRows == null ? 5000 : commitEveryRows;
    }

    @Override
    public TeacherKind kind() {
        return TeacherKind.API;
    }

    /** What this run pays for {@code promptTokens} and {@code completionTokens} at the configured prices. */
    public double cost(long promptTokens, long completionTokens) {
        return (promptTokens * promptPricePerMillion + completionTokens * completionPricePerMillion) / 1e6;
    }

    @Override
    public void validate(ConfigProblems problems) {
        problems.require(endpoint != null, "endpoint", null,
                "an endpoint section (provider, base_url, model, api_key_env or api_key_file)");
        if (endpoint != null) {
            problems.require(endpoint.maxConsecutiveAuthFailures() >= 1, "endpoint.max_consecutive_auth_failures",
                    endpoint.maxConsecutiveAuthFailures(), "at least 1");
        }
        problems.require(maxAttempts >= 1, "max_attempts", maxAttempts, "at least 1");
        problems.require(commitEveryRows >= 1, "commit_every_rows", commitEveryRows, "at least 1");
        problems.require(requestsPerMinute == null || requestsPerMinute >= 2, "requests_per_minute",
                requestsPerMinute, "at least 2, or no limit");
        problems.require(tokensPerMinute == null || tokensPerMinute >= 2, "tokens_per_minute", tokensPerMinute,
                "at least 2, or no limit");
        problems.require(minAcceptedShare >= 0 && minAcceptedShare <= 1, "min_accepted_share", minAcceptedShare,
                "a share between 0 and 1");
        problems.require(promptPricePerMillion >= 0 && completionPricePerMillion >= 0,
                "prompt_price_per_million / completion_price_per_million",
                promptPricePerMillion + " / " + completionPricePerMillion, "zero or more");
        ApiTeacherRules.installed().problems(this, problems);
    }
}
