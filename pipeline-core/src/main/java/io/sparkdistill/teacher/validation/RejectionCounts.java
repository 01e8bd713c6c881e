package io.sparkdistill.teacher.validation;

import java.io.Serializable;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Accepted outputs and rejections per {@link RejectionReason}, for the run summary. Count per partition and
 * {@link #merge} the partitions' counts (serialisable, so they travel back to the driver). Not thread-safe.
 */
public final class RejectionCounts implements Serializable {
    private static final long serialVersionUID = 1L;

    private final EnumMap<RejectionReason, Long> rejected = new EnumMap<>(RejectionReason.class);
    private long accepted;

    /** Counts one verdict. */
    public RejectionCounts record(Verdict verdict) {
        if (verdict instanceof Rejected r) {
            return add(r.reason(), 1);
        }
        accepted++;
        return this;
    }

    /** Adds {@code n} rejections for a reason. */
    public RejectionCounts add(RejectionReason reason, long n) {
        Objects.requireNonNull(reason, "reason");
        if (n < 0) {
            throw new IllegalArgumentException("a count cannot decrease; n was " + n);
        }
        rejected.merge(reason, n, Long::sum);
        return this;
    }

    /** Adds another instance's counts to this one, and returns this. */
    public RejectionCounts merge(RejectionCounts other) {
        other.rejected.forEach((reason, n) -> rejected.merge(reason, n, Long::sum));
        accepted += other.accepted;
        return this;
    }

    public long count(RejectionReason reason) {
        return rejected.getOrDefault(reason, 0L);
    }

    public long accepted() {
        return accepted;
    }

    /** All rejections, whatever the reason. */
    public long rejected() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Accepted plus rejected. */
    public long total() {
        return accepted + rejected();
    }

    /** Every reason by its config name, in declaration order, zeros included: ready for the summary JSON. */
    public Map<String, Long> toMap() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (RejectionReason reason : RejectionReason.values()) {
            out.put(reason.configName(), count(reason));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RejectionCounts c && c.accepted == accepted && c.toMap().equals(toMap());
    }

    @Override
    public int hashCode() {
        return Objects.hash(accepted, toMap());
    }

    @Override
    public String toString() {
        return "RejectionCounts[accepted=" + accepted + ", rejected=" + toMap() + "]";
    }
}
