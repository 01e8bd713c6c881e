package io.sparkdistill.student;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * How many threads one ND4J operation may use. ND4J sizes its OpenMP and BLAS pools to every core of the machine,
 * which suits one model per machine but not a Spark executor running a task per core: each task's operations then
 * spread over all cores, the tasks contend for them, and one more executor core adds little (BENCHMARKS.md, student
 * training). Spark itself holds a Python worker's native libraries to its task's cores ({@code OMP_NUM_THREADS =
 * spark.task.cpus}); this does the same for ND4J, unless the process was started with {@code OMP_NUM_THREADS}, which
 * then wins.
 */
public final class Nd4jThreads {
    private static final boolean USER_CHOSE = !System.getenv().getOrDefault("OMP_NUM_THREADS", "").isBlank();

    /** The count last set on each thread: OpenMP keeps it per thread, so each task thread sets its own once. */
    private static final ThreadLocal<Integer> SET_ON_THIS_THREAD = new ThreadLocal<>();

    private Nd4jThreads() {
    }

    /**
     * Holds the ND4J operations this thread starts to {@code threads} threads each (a task's cores), unless the
     * process was started with {@code OMP_NUM_THREADS}: OpenMP's count for this thread, ND4J's own pool and BLAS's
     * for the whole process, as that variable would (every task of an executor has the same {@code spark.task.cpus},
     * so they all ask for the same count). Cheap to call before every minibatch.
     */
    public static void holdTo(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("ND4J needs at least one thread per operation, got " + threads);
        }
        if (USER_CHOSE || Integer.valueOf(threads).equals(SET_ON_THIS_THREAD.get())) {
            return;
        }
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
        nativeOps().setOmpNumThreads(threads);
        SET_ON_THIS_THREAD.set(threads);
    }

    /** The threads an ND4J operation started on this thread may use now. */
    public static int current() {
        return nativeOps().ompGetMaxThreads();
    }

    /** ND4J's native operations, once its backend is loaded (their holder reads the backend's settings). */
    private static NativeOps nativeOps() {
        Nd4j.getBackend();
        return NativeOpsHolder.getInstance().getDeviceNativeOps();
    }
}
