package io.sparkdistill.teacher.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.sparkdistill.ingest.TaskType;
import org.junit.jupiter.api.Test;

class DuplicateDetectorTest {
    static final String REPLY = "Thank you for contacting us. Your refund has been issued and will arrive in 5 days.";

    @Test
    void theSecondIdenticalOutputIsADuplicateNamingTheFirstExample() {
        DuplicateDetector detector = new DuplicateDetector(false);
        Accepted first = new Accepted(REPLY, null);
        assertSame(first, detector.screen("ex-1", "prompt-ex-1", first));
        Rejected r = (Rejected) detector.screen("ex-2", "prompt-ex-2", new Accepted(REPLY, null));
        assertEquals(RejectionReason.DUPLICATE, r.reason());
        assertEquals("same output as example ex-1: " + REPLY.substring(0, 77) + "...", r.detail());
    }

    @Test
    void differencesOfCaseAndWhitespaceOnlyAreStillDuplicates() {
        DuplicateDetector detector = new DuplicateDetector(false);
        detector.screen("ex-1", "prompt-ex-1", new Accepted(REPLY, null));
        Verdict v = detector.screen("ex-2", "prompt-ex-2", new Accepted("  " + REPLY.toUpperCase().replace(" ", " \n ") + "\n", null));
        assertEquals(RejectionReason.DUPLICATE, ((Rejected) v).reason());
        assertEquals(1, detector.size());
    }

    @Test
    void differentTextsShortAnswersLabelsAndRejectionsPassThrough() {
        DuplicateDetector qa = new DuplicateDetector(false);
        qa.screen("q1", "prompt-q1", new Accepted("1889", null));
        assertEquals(true, qa.screen("q2", "prompt-q2", new Accepted("1889", null)).accepted());
        DuplicateDetector nli = new DuplicateDetector(true, 1);
        nli.screen("n1", "prompt-n1", new Accepted("entailment", null));
        assertEquals(true, nli.screen("n2", "prompt-n2", new Accepted("entailment", null)).accepted());
        DuplicateDetector chat = new DuplicateDetector(false);
        chat.screen("c1", "prompt-c1", new Accepted(REPLY, null));
        assertEquals(true, chat.screen("c2", "prompt-c2", new Accepted(REPLY.replace("5", "6"), null)).accepted());
        Rejected empty = new Rejected(RejectionReason.EMPTY, "content is blank");
        assertSame(empty, chat.screen("c3", "prompt-c3", empty));
        assertEquals(true, chat.screen("c1", "prompt-c1", new Accepted(REPLY, null)).accepted(), "the same example again");
    }

    @Test
    void rememberedOutputsOfAnEarlierRunKeepWinning() {
        DuplicateDetector detector = new DuplicateDetector(false);
        detector.remember("old-7", "prompt-old-7", new Accepted(REPLY, null));
        assertEquals("same output as example old-7: " + REPLY.substring(0, 77) + "...",
                ((Rejected) detector.screen("new-1", "prompt-new-1", new Accepted(REPLY, null))).detail());
    }

    @Test
    void mathSolutionsAreComparedWholeNotByTheirFinalNumber() {
        DuplicateDetector detector = new DuplicateDetector(false);
        String solution = "She sold 48 / 2 = 24 clips in May, so 48 + 24 = 72 clips in all.\n#### 72";
        detector.screen("m1", "prompt-m1", new Accepted("72", solution));
        assertEquals(true, detector.screen("m2", "prompt-m2", new Accepted("72", "Six boxes of 12 eggs are 6 * 12 = 72 eggs"
                + " altogether, as asked.\n#### 72")).accepted());
        assertEquals(RejectionReason.DUPLICATE, ((Rejected) detector.screen("m3", "prompt-m3", new Accepted("72", solution)))
                .reason());
    }

    @Test
    void theSameAnswerToTheSamePromptIsNotADuplicate() {
        DuplicateDetector detector = new DuplicateDetector(false);
        detector.screen("train-copy", "prompt-1", new Accepted(REPLY, null));
        assertEquals(true, detector.screen("test-copy", "prompt-1", new Accepted(REPLY, null)).accepted());
        assertEquals(RejectionReason.DUPLICATE,
                ((Rejected) detector.screen("other", "prompt-2", new Accepted(REPLY, null))).reason());
    }

    @Test
    void theKeyIsEmptyForLabelsAndShortAnswersAndEqualForTextsThatDifferOnlyInCase() {
        DuplicateDetector chat = new DuplicateDetector(false);
        assertEquals(chat.key(new Accepted(REPLY, null)), chat.key(new Accepted(REPLY.toUpperCase(), null)));
        assertEquals(true, chat.key(new Accepted("Thanks!", null)).isEmpty());
        assertEquals(true, new DuplicateDetector(true, 1).key(new Accepted("neutral", null)).isEmpty());
    }
}
