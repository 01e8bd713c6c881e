package io.sparkdistill.student.generative;

import java.io.Serializable;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns an example's input fields into the one plain text the generative student reads. Serialisable because the
 * family and its students travel to Spark's executors with it; a method reference such as {@code StudentPrompt::qa}
 * is one.
 */
@FunctionalInterface
public interface PromptRenderer extends Function<Map<String, String>, String>, Serializable {
}
