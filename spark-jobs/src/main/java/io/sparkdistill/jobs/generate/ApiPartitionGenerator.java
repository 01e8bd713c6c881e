package io.sparkdistill.jobs.generate;

import io.sparkdistill.ingest.Example;
import io.sparkdistill.teacher.api.ChatCompletionsClient;
import io.sparkdistill.teacher.api.ChatRequest;
import io.sparkdistill.teacher.api.GenerationParameters;
import io.sparkdistill.teacher.prompt.PromptTemplate;
import org.apache.spark.TaskContext;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.TaskCompletionListener;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs on an executor over one partition: sends its examples to the API teacher with up to {@code maxInFlight}
 * calls at once (the JVM's shared client bounds the total), validates every answer and yields one
 * {@link GenerationOutcome} per example, in order. At most a window of calls is queued at once, so memory stays flat
 * however large the partition; the partition's threads stop when the Spark task ends, however it ends.
 */
final class ApiPartitionGenerator implements Iterator<GenerationOutcome> {
    private final Iterator<Example> examples;
    private final ChatCompletionsClient client;
    private final PromptTemplate template;
    private final GenerationParameters parameters;
    private final List<String> labels;
    private final LongAccumulator calls;
    private final int window;
    private final ExecutorService pool;
    private final AnswerJudge judge;
    private final ArrayDeque<Future<GenerationOutcome>> inFlight = new ArrayDeque<>();

    ApiPartitionGenerator(Iterator<Example> examples, ApiClients.Settings settings, PromptTemplate template,
                          GenerationParameters parameters, List<String> labels, LongAccumulator calls) {
        this.examples = examples;
        this.client = ApiClients.shared(settings);
        this.template = template;
        this.parameters = parameters;
        this.labels = labels;
        this.calls = calls;
        this.judge = new AnswerJudge(template, labels);
        int maxInFlight = settings.endpoint().maxInFlight();
        this.window = maxInFlight * 4;
        this.pool = Executors.newFixedThreadPool(maxInFlight, r -> {
            Thread t = new Thread(r, "teacher-call");
            t.setDaemon(true);
            return t;
        });
        TaskContext.get().addTaskCompletionListener((TaskCompletionListener) context -> pool.shutdownNow());
    }

    @Override
    public boolean hasNext() {
        topUp();
        return !inFlight.isEmpty();
    }

    @Override
    public GenerationOutcome next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        try {
            GenerationOutcome outcome = inFlight.poll().get();
            // Counted here, on the task's own thread: Spark accumulators are not safe to add to concurrently.
            calls.add(1);
            topUp();
            return outcome;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("generation interrupted (the Spark task was killed)", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("teacher call crashed: " + e.getCause(), e.getCause());
        }
    }

    /**
     * Keeps {@code window} calls queued at all times, so that a freed slot finds the next request prepared instead
     * of waiting for a whole batch of calls to finish. Outcomes are still returned in input order.
     */
    private void topUp() {
        while (inFlight.size() < window && examples.hasNext()) {
            Example example = examples.next();
            inFlight.add(pool.submit(() -> answer(example)));
        }
    }

    private GenerationOutcome answer(Example example) {
        ChatRequest request = new ChatRequest(template.render(example.inputs(), labels), parameters);
        return judge.judge(example, client.complete(request));
    }
}
