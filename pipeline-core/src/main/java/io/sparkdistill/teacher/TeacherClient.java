package io.sparkdistill.teacher;

import io.sparkdistill.ingest.Example;

import java.util.List;

/**
 * A teacher: a batch of examples in, a batch of answers out. Batches, because every teacher we run (an ONNX
 * encoder, a remote LLM endpoint) is far cheaper per example when called with many at once.
 * A client holds resources (a predictor, connections), hence {@link AutoCloseable}; one client is used by one
 * thread at a time.
 */
public interface TeacherClient extends AutoCloseable {

    /** Answers every example; the answer at index i is for the example at index i. */
    List<TeacherAnswer> answer(List<Example> batch);

    /** Which teacher this is, for provenance. */
    TeacherInfo info();

    @Override
    void close();
}
