package io.sparkdistill.teacher.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class RejectionCountsTest {

    @Test
    void countsFromTwoPartitionsMerge() {
        RejectionCounts a = new RejectionCounts()
                .record(new Accepted("x", null))
                .record(new Rejected(RejectionReason.EMPTY, "content is blank"))
                .record(new Rejected(RejectionReason.TRUNCATED, "finish_reason length after 3 words"));
        RejectionCounts b = new RejectionCounts()
                .record(new Accepted("y", null))
                .record(new Accepted("z", null))
                .record(new Rejected(RejectionReason.EMPTY, "content is null"));
        a.merge(b);
        assertEquals(3, a.accepted());
        assertEquals(2, a.count(RejectionReason.EMPTY));
        assertEquals(1, a.count(RejectionReason.TRUNCATED));
        assertEquals(0, a.count(RejectionReason.DUPLICATE));
        assertEquals(3, a.rejected());
        assertEquals(6, a.total());
        assertEquals(3, b.total(), "the merged-in counts are unchanged");
    }

    @Test
    void theSummaryMapListsEveryReasonInOrderWithZeros() {
        RejectionCounts c = new RejectionCounts().add(RejectionReason.DUPLICATE, 4);
        assertEquals(List.of("empty", "truncated", "refusal", "tool_call", "reasoning_only", "label_outside_set",
                "no_final_answer",
                "rationale_schema", "summary_too_long", "duplicate"), List.copyOf(c.toMap().keySet()));
        assertEquals(4L, c.toMap().get("duplicate"));
        assertEquals(0L, c.toMap().get("empty"));
        assertThrows(IllegalArgumentException.class, () -> c.add(RejectionReason.EMPTY, -1));
    }

    @Test
    void countsSurviveSerialisationAndMergeInAnyOrder() throws Exception {
        RejectionCounts a = new RejectionCounts().add(RejectionReason.REFUSAL, 2).record(new Accepted("x", null));
        RejectionCounts b = new RejectionCounts().add(RejectionReason.DUPLICATE, 1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(a);
        }
        RejectionCounts copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (RejectionCounts) in.readObject();
        }
        assertEquals(a, copy);
        RejectionCounts ab = new RejectionCounts().merge(a).merge(b);
        RejectionCounts ba = new RejectionCounts().merge(b).merge(copy);
        assertEquals(ab, ba);
        assertEquals(4, ab.total());
    }
}
