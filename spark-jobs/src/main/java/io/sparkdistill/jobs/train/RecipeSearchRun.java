package io.sparkdistill.jobs.train;

import io.sparkdistill.config.RecipeSearchConfig;
import io.sparkdistill.student.search.BracketedSearch;
import io.sparkdistill.student.search.Candidate;
import io.sparkdistill.student.search.CandidateProgress;
import io.sparkdistill.student.search.HalvingPlan;
import io.sparkdistill.student.search.RecipeSearchRecord;
import io.sparkdistill.student.search.RungTrainer;
import io.sparkdistill.student.search.SearchSetup;
import org.apache.spark.SparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * The automatic recipe on Spark ({@link BracketedSearch}): the candidates of a rung train at once, each from its own
 * driver thread as its own Spark jobs in its own scheduler pool (with {@code spark.scheduler.mode=FAIR}, which
 * {@code SparkSessions} sets, the pools share the executors instead of the first job taking them all). A candidate's
 * training is kept between rungs, so a survivor trains on from its last epoch, until the search releases it.
 */
final class RecipeSearchRun implements RungTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(RecipeSearchRun.class);

    /** The search's record, the winner and its training (network, curve, kept epoch) to save. */
    record Outcome(RecipeSearchRecord record, Candidate winner, StudentTraining training) {
    }

    private final RecipeSearchConfig config;
    private final SearchSetup setup;
    private final Function<Candidate, StudentTraining> start;
    private final SparkContext spark;
    private final Map<Candidate, StudentTraining> trainings = new ConcurrentHashMap<>();
    private ExecutorService pool;

    /** @param start prepares a candidate's training (its rows, loss and fresh network) */
    RecipeSearchRun(RecipeSearchConfig config, SearchSetup setup, Function<Candidate, StudentTraining> start,
                    SparkContext spark) {
        this.config = config;
        this.setup = setup;
        this.start = start;
        this.spark = spark;
    }

    Outcome run() {
        LOG.info("[train search] {} candidates, {} budget epochs; the first bracket tries {} in {} rungs",
                setup.grid().size(), setup.budgetEpochs(), setup.plan().candidates(), setup.plan().rungs().size());
        pool = Executors.newFixedThreadPool(config.concurrentCandidates());
        try {
            RecipeSearchRecord record = BracketedSearch.run(setup, this, line -> LOG.info("[train search] {}", line));
            Candidate winner = record.winnerRecord().candidate();
            LOG.info("[train search] winner {}: validation macro-F1 {}, {} of {} budget epochs used", winner.name(),
                    String.format("%.3f", record.winnerRecord().last().validationMacroF1()), record.epochsUsed(),
                    record.budgetEpochs());
            return new Outcome(record, winner, trainings.get(winner));
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    public Map<Candidate, CandidateProgress> train(HalvingPlan.Rung rung, List<Candidate> candidates) {
        Map<Candidate, Future<CandidateProgress>> running = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            running.put(c, pool.submit(() -> {
                spark.setLocalProperty("spark.scheduler.pool", "search-" + c.index());
                // One thread per candidate and rung: no other thread creates this one's training meanwhile.
                StudentTraining training = trainings.get(c);
                if (training == null) {
                    training = start.apply(c);
                    trainings.put(c, training);
                }
                training.trainTo(rung.epochs());
                return training.progress();
            }));
        }
        Map<Candidate, CandidateProgress> progress = new LinkedHashMap<>();
        for (Map.Entry<Candidate, Future<CandidateProgress>> e : running.entrySet()) {
            progress.put(e.getKey(), result(e.getKey(), e.getValue()));
        }
        return progress;
    }

    @Override
    public void release(Candidate candidate) {
        trainings.remove(candidate);
    }

    private static CandidateProgress result(Candidate c, Future<CandidateProgress> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while candidate " + c.name() + " trained", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("candidate " + c.name() + " failed: " + e.getCause(), e.getCause());
        }
    }
}
