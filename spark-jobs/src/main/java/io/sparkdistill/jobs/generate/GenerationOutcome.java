package io.sparkdistill.jobs.generate;

import io.sparkdistill.ingest.Example;
import io.sparkdistill.teacher.TeacherAnswer;

import java.io.Serializable;

/**
 * What became of one example sent to an API teacher: exactly one of accepted (with the teacher's answer),
 * rejected by validation (with the reason) or failed after retries (with the last error). Usage is recorded for
 * all three, since a rejected answer was paid for too.
 */
record GenerationOutcome(Example example, Status status, TeacherAnswer answer, String rationale, String reason,
                         String detail, String output, int httpStatus, Usage usage) implements Serializable {

    enum Status { ACCEPTED, REJECTED, FAILED }

    /** What the call cost. */
    record Usage(String templateVersion, int promptTokens, int completionTokens, int attempts, long latencyMs)
            implements Serializable {
    }

    static GenerationOutcome accepted(Example e, TeacherAnswer answer, String rationale, Usage usage) {
        return new GenerationOutcome(e, Status.ACCEPTED, answer, rationale, null, null, null, 200, usage);
    }

    static GenerationOutcome rejected(Example e, String reason, String detail, String output, Usage usage) {
        return new GenerationOutcome(e, Status.REJECTED, null, null, reason, detail, output, 200, usage);
    }

    static GenerationOutcome failed(Example e, String kind, String message, int httpStatus, Usage usage) {
        return new GenerationOutcome(e, Status.FAILED, null, null, kind, message, null, httpStatus, usage);
    }
}
