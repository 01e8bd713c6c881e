package io.sparkdistill.jobs.generate;

import io.sparkdistill.ingest.Example;
import io.sparkdistill.teacher.api.AuthFailureBreaker;
import io.sparkdistill.teacher.api.ChatCompletionsClient;
import io.sparkdistill.teacher.api.ChatRequest;
import io.sparkdistill.teacher.api.ChatResult;
import io.sparkdistill.teacher.api.GenerationParameters;
import io.sparkdistill.teacher.prompt.PromptTemplate;
import org.apache.spark.TaskContext;
import org.apache.spark.util.TaskCompletionListener;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Runs on an executor over one partition of prompt groups: sends each group's prompt to the API teacher once, with
 * up to {@code maxInFlight} calls at once (the JVM's shared client bounds the total), or takes the group's cached
 * answer without a call; validates the answer for every example of the group and yields one
 * {@link GenerationOutcome} per example, in order. At most a window of calls is queued at once, so memory stays flat
 * however large the partition; the partition's threads stop when the Spark task ends, however it ends. A paid
 * answer is journaled ({@link JournalSlice}) on its call thread before it is judged or handed on. Once the JVM's
 * {@link AuthFailureBreaker} is open no further call starts: the groups not yet asked yield no outcome and stay
 * pending for the next run.
 */
final class ApiPartitionGenerator implements Iterator<GenerationOutcome> {
    private final Iterator<PromptGroup> groups;
    private final Semaphore answerSlots;
    private final ChatCompletionsClient client;
    private final JournalSlice.Writer journal;
    private final PromptTemplate template;
    private final GenerationParameters parameters;
    private final List<String> labels;
    private final GenerationMeters meters;
    private final int window;
    private final ExecutorService pool;
    private final AnswerJudge judge;
    private final BreakerHandle breakerHandle;
    private final AuthFailureBreaker breaker;
    private boolean reported;
    private final ArrayDeque<Future<List<GenerationOutcome>>> inFlight = new ArrayDeque<>();
    private Iterator<GenerationOutcome> current = Collections.emptyIterator();

    ApiPartitionGenerator(Iterator<PromptGroup> groups, ApiClients.Settings settings, JournalSlice journal,
                          PromptTemplate template, GenerationParameters parameters, List<String> labels,
                          GenerationMeters meters, BreakerHandle breakerHandle) {
        this.groups = groups;
        this.client = ApiClients.shared(settings);
        this.answerSlots = ApiClients.answerSlots(settings);
        this.journal = journal.openForTask(TaskContext.get());
        this.template = template;
        this.parameters = parameters;
        this.labels = labels;
        this.meters = meters;
        this.judge = new AnswerJudge(template, labels);
        this.breakerHandle = breakerHandle;
        this.breaker = breakerHandle.breaker();
        int maxInFlight = settings.endpoint().maxInFlight();
        this.window = maxInFlight * 4;
        this.pool = Executors.newFixedThreadPool(maxInFlight, r -> {
            Thread t = new Thread(r, "teacher-call");
            t.setDaemon(true);
            return t;
        });
        TaskContext.get().addTaskCompletionListener((TaskCompletionListener) context -> {
            pool.shutdownNow();
            this.journal.close();
        });
    }

    @Override
    public boolean hasNext() {
        while (!current.hasNext()) {
            topUp();
            if (inFlight.isEmpty()) {
                if (!reported) {
                    reported = true;
                    breakerHandle.reportIfOpen();
                }
                return false;
            }
            current = take(inFlight.poll()).iterator();
        }
        return true;
    }

    @Override
    public GenerationOutcome next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        GenerationOutcome outcome = current.next();
        // Counted here, on the task's own thread: Spark accumulators are not safe to add to concurrently.
        meters.record(outcome);
        topUp();
        return outcome;
    }

    private static List<GenerationOutcome> take(Future<List<GenerationOutcome>> answered) {
        try {
            return answered.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("generation interrupted (the Spark task was killed)", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("teacher call crashed: " + e.getCause(), e.getCause());
        }
    }

    /**
     * Keeps {@code window} groups queued at all times, so that a freed slot finds the next request prepared instead
     * of waiting for a whole batch of calls to finish. Outcomes are still returned in input order; a cached group
     * needs no call and is answered at once.
     */
    private void topUp() {
        while (!breaker.isOpen() && inFlight.size() < window && groups.hasNext()) {
            PromptGroup group = groups.next();
            inFlight.add(group.cached() != null
                    ? CompletableFuture.completedFuture(answer(group, group.cached().toResult(),
                    GenerationOutcome.Source.CACHE))
                    : pool.submit(() -> breaker.isOpen() ? List.<GenerationOutcome>of()
                    : answer(group, callAndKeep(group), GenerationOutcome.Source.TEACHER)));
        }
    }

    /** The teacher's answer to the group, journaled before its answer slot is given to the next call. */
    private ChatResult callAndKeep(PromptGroup group) throws InterruptedException {
        answerSlots.acquire();
        try {
            return journal.keep(group.promptKey(), call(group.examples().get(0)));
        } finally {
            answerSlots.release();
        }
    }

    private ChatResult call(Example example) {
        ChatResult result = client.complete(new ChatRequest(template.render(example.inputs(), labels), parameters));
        breaker.record(result);
        return result;
    }

    /** Every example of the group judged on the one answer; the first carries what was paid, the others share it. */
    private List<GenerationOutcome> answer(PromptGroup group, ChatResult result, GenerationOutcome.Source source) {
        List<GenerationOutcome> outcomes = new ArrayList<>(group.examples().size());
        for (Example example : group.examples()) {
            boolean first = outcomes.isEmpty();
            GenerationOutcome outcome = judge.judge(example, group.promptKey(), result,
                    first ? source : GenerationOutcome.Source.SAME_PROMPT);
            outcomes.add(first && source == GenerationOutcome.Source.TEACHER && result.succeeded()
                    ? outcome.buying(result.response()) : outcome);
        }
        return outcomes;
    }
}
