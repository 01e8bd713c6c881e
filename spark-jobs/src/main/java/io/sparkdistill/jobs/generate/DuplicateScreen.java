package io.sparkdistill.jobs.generate;

import io.sparkdistill.ingest.TaskType;
import io.sparkdistill.jobs.store.SyntheticStore;
import io.sparkdistill.task.TaskStrategies;
import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.teacher.validation.Accepted;
import io.sparkdistill.teacher.validation.DuplicateDetector;
import io.sparkdistill.teacher.validation.Rejected;
import io.sparkdistill.teacher.validation.RejectionReason;
import io.sparkdistill.teacher.validation.Verdict;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Rejects accepted text answers that repeat, word for word after normalisation, the answer to another prompt (a
 * teacher falling back on one boilerplate reply): run-wide, by shuffling the answers by their normalised text so
 * that every copy meets in one {@link DuplicateDetector}. Answers already in {@code synthetic/} keep winning; among
 * new ones the smallest example id wins, so the outcome does not depend on how Spark ordered the rows.
 */
final class DuplicateScreen {
    private final RunContext run;

    DuplicateScreen(RunContext run) {
        this.run = run;
    }

    JavaRDD<GenerationOutcome> screen(JavaRDD<GenerationOutcome> outcomes) {
        TaskType task = run.config().task();
        if (TaskStrategies.of(task).answersRepeatByDesign()) {
            return outcomes;
        }
        JavaRDD<GenerationOutcome> unchecked = outcomes.filter(o -> key(task, o).isEmpty());
        JavaPairRDD<String, GenerationOutcome> checked = outcomes.flatMapToPair(o -> key(task, o)
                .map(k -> List.of(new Tuple2<>(k, o)).iterator()).orElse(Collections.emptyIterator()));
        JavaRDD<GenerationOutcome> screened = checked.cogroup(earlierAnswers(task))
                .flatMap(group -> judge(task, group._2()._1(), group._2()._2()).iterator());
        return unchecked.union(screened);
    }

    private static List<GenerationOutcome> judge(TaskType task, Iterable<GenerationOutcome> fresh,
                                                 Iterable<Earlier> earlier) {
        DuplicateDetector detector = new DuplicateDetector(false);
        for (Earlier e : earlier) {
            detector.remember(e.id(), e.promptKey(), e.accepted());
        }
        List<GenerationOutcome> sorted = new ArrayList<>();
        fresh.forEach(sorted::add);
        sorted.sort(Comparator.comparing(o -> o.example().id()));
        List<GenerationOutcome> judged = new ArrayList<>(sorted.size());
        for (GenerationOutcome o : sorted) {
            Verdict verdict = detector.screen(o.example().id(), o.promptKey(), accepted(o));
            judged.add(verdict instanceof Rejected r
                    ? o.rejectedAs(RejectionReason.DUPLICATE.configName(), r.detail()) : o);
        }
        return judged;
    }

    /** The normalised text of an accepted answer, when it is one that can be a duplicate. */
    private static Optional<String> key(TaskType task, GenerationOutcome o) {
        return o.status() == GenerationOutcome.Status.ACCEPTED
                ? new DuplicateDetector(false).key(accepted(o)) : Optional.empty();
    }

    private static Accepted accepted(GenerationOutcome o) {
        return new Accepted(o.answer().label(), o.rationale());
    }

    /** An answer already in {@code synthetic/}. */
    private record Earlier(String id, String promptKey, Accepted accepted) implements java.io.Serializable {
    }

    private JavaPairRDD<String, Earlier> earlierAnswers(TaskType task) {
        SyntheticStore synthetic = SyntheticStore.of(run);
        if (!synthetic.exists()) {
            return JavaSparkContext.fromSparkContext(run.spark().sparkContext()).<Tuple2<String, Earlier>>emptyRDD()
                    .mapToPair(t -> t);
        }
        return synthetic.read()
                .select("id", "prompt_key", "teacher_label", "teacher_rationale").javaRDD()
                .flatMapToPair(r -> {
                    Earlier e = earlier(r);
                    return new DuplicateDetector(false).key(e.accepted())
                            .map(k -> List.of(new Tuple2<>(k, e)).iterator())
                            .orElse(Collections.emptyIterator());
                });
    }

    private static Earlier earlier(Row r) {
        String id = r.getString(0);
        // Rows written before prompt keys were recorded stand for their own prompt.
        return new Earlier(id, r.isNullAt(1) ? id : r.getString(1), new Accepted(r.getString(2), r.getString(3)));
    }
}
