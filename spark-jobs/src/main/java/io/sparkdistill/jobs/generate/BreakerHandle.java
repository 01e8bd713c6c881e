package io.sparkdistill.jobs.generate;

import io.sparkdistill.teacher.api.AuthFailureBreaker;
import org.apache.spark.util.CollectionAccumulator;

import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One generate pass's {@link AuthFailureBreaker} as the executors reach it: every partition running in an executor
 * JVM shares that JVM's breaker of the pass (Spark gives executors no shared state), so each JVM sends at most
 * {@code limit} refused calls plus those already under way before it stops; a partition that ends with the breaker
 * open tells the driver through {@code openings}, and the driver stops the stage.
 *
 * @param pass     the generate pass, unique per call of generate
 * @param limit    refusals in a row that open the breaker
 * @param openings what opened a breaker, added by each partition that saw it open
 */
record BreakerHandle(String pass, int limit, CollectionAccumulator<String> openings) implements Serializable {
    private static final Map<String, AuthFailureBreaker> BREAKERS = new ConcurrentHashMap<>();

    /** This JVM's breaker of the pass. */
    AuthFailureBreaker breaker() {
        return BREAKERS.computeIfAbsent(pass, p -> new AuthFailureBreaker(limit));
    }

    /** Tells the driver, once per partition, that this JVM's breaker opened. Call on the task's own thread. */
    void reportIfOpen() {
        breaker().openedBy().ifPresent(failure -> openings.add(failure.kind() + "|" + failure.message()));
    }
}
