package io.sparkdistill.jobs.generate;

import io.sparkdistill.teacher.api.ChatResult;
import io.sparkdistill.teacher.cache.ResponseJson;

import java.io.Serializable;
import java.time.Duration;

/**
 * A teacher answer bought earlier, as read from the answer cache.
 *
 * @param response         {@link ResponseJson} of the response
 * @param promptTokens     what the answer cost when it was bought
 * @param completionTokens idem
 */
record CachedAnswer(String promptKey, String response, int promptTokens, int completionTokens)
        implements Serializable {

    /** The answer as a call that succeeded without any attempt. */
    ChatResult toResult() {
        return new ChatResult(ResponseJson.read(response, "for prompt " + promptKey), 0, Duration.ZERO,
                promptTokens, completionTokens, null);
    }
}
