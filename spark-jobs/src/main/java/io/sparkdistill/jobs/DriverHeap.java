package io.sparkdistill.jobs;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * The driver JVM's peak heap use over a stage, from the JVM's own memory-pool peaks: the figure that shows whether
 * a stage gathers data on the driver (it grows with the input) or leaves it on the executors (it stays flat). The
 * peaks include garbage not yet collected, so compare runs with the same {@code -Xmx}, not absolute values.
 */
public final class DriverHeap {
    private DriverHeap() {
    }

    /** Starts a new measurement: forgets the peaks reached so far. */
    public static void resetPeak() {
        ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** The sum of the heap pools' peaks since the last reset, in MiB. */
    public static double peakMib() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum() / (1024.0 * 1024.0);
    }
}
