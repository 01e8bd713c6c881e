package io.sparkdistill.jobs.generate;

import io.sparkdistill.ingest.Example;

import java.io.Serializable;
import java.util.List;

/**
 * The pending examples that render into one prompt, sent to the teacher once between them.
 *
 * @param promptKey the prompt's {@link io.sparkdistill.teacher.cache.PromptKey}
 * @param examples  at least one, in id order
 * @param cached    the answer already bought for this prompt, or null when the teacher must be asked
 */
record PromptGroup(String promptKey, List<Example> examples, CachedAnswer cached) implements Serializable {
}
