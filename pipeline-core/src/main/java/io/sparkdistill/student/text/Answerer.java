package io.sparkdistill.student.text;

import java.util.Map;

/** Answers examples one at a time; holds per-thread state (network copies, buffers), so one per thread. */
@FunctionalInterface
public interface Answerer {
    TextAnswer answer(Map<String, String> inputs);
}
