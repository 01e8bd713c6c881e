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
import java.util.ArrayList;
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
 * {@link GenerationOutcome} per example, in order. Work is pulled a window at a time, so memory stays flat however
 * large the partition; the partition's threads stop when the Spark task ends, however it ends.
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
    private final ArrayDeque<GenerationOutcome> ready = new ArrayDeque<>();

    ApiPartitionGenerator(Iterator<Example> examples, ApiClients.Settings settings, PromptTemplate template,
                          GenerationParameters parameters, List<String> labels, LongAccumulator calls) {
        this.examples = examples;
        this.client = ApiClients.shared(settings);
        this.template = template;
        this.parameters = parameters;
        this.labels = labels;
        this.calls = calls;
        this.judge = new AnswerJudge(template, labels);
        int inFlight = settings.endpoint().maxInFlight();
        this.window = inFlight * 4;
        this.pool = Executors.newFixedThreadPool(inFlight, r -> {
            Thread t = new Thread(r, "teacher-call");
            t.setDaemon(true);
            return t;
        });
        TaskContext.get().addTaskCompletionListener((TaskCompletionListener) context -> pool.shutdownNow());
    }

    @Override
    public boolean hasNext() {
        if (ready.isEmpty() && examples.hasNext()) {
            answerNextWindow();
        }
        return !ready.isEmpty();
    }

    @Override
    public GenerationOutcome next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    private void answerNextWindow() {
        List<Future<GenerationOutcome>> pending = new ArrayList<>(window);
        while (pending.size() < window && examples.hasNext()) {
            Example example = examples.next();
            pending.add(pool.submit(() -> answer(example)));
        }
        for (Future<GenerationOutcome> future : pending) {
            try {
                ready.add(future.get());
                // Counted here, on the task's own thread: Spark accumulators are not safe to add to concurrently.
                calls.add(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("generation interrupted (the Spark task was killed)", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("teacher call crashed: " + e.getCause(), e.getCause());
            }
        }
    }

    private GenerationOutcome answer(Example example) {
        ChatRequest request = new ChatRequest(template.render(example.inputs(), labels), parameters);
        return judge.judge(example, client.complete(request));
    }
}
