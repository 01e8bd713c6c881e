package io.sparkdistill.jobs.cli;

import io.sparkdistill.config.ApiTeacherConfig;
import io.sparkdistill.ingest.TaskType;
import io.sparkdistill.config.ConfigException;
import io.sparkdistill.config.ConfigLoader;
import io.sparkdistill.config.ConfigOverrides;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.evaluate.score.TextScorer;
import io.sparkdistill.jobs.Preflight;
import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.jobs.SparkSessions;
import io.sparkdistill.jobs.generate.BatchInputExport;
import io.sparkdistill.student.text.TextStudent;
import io.sparkdistill.task.SavedStudents;
import io.sparkdistill.task.TaskStrategies;
import io.sparkdistill.task.TaskStrategy;
import io.sparkdistill.task.TextTask;
import io.sparkdistill.ingest.Split;
import io.sparkdistill.jobs.evaluate.EvaluateJob;
import io.sparkdistill.jobs.evaluate.EvaluateOptions;
import io.sparkdistill.jobs.export.ChatFineTuneExport;
import io.sparkdistill.jobs.generate.GenerateJob;
import io.sparkdistill.jobs.lock.RunLock;
import io.sparkdistill.error.UserError;
import io.sparkdistill.jobs.evaluate.RegressionException;
import io.sparkdistill.jobs.train.TrainJob;
import io.sparkdistill.provenance.SavedProvenance;
import io.sparkdistill.student.StudentModel;
import io.sparkdistill.teacher.prompt.PromptTemplates;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one entry point, for {@code bin/distill} and for
 * {@code spark-submit --class io.sparkdistill.jobs.cli.DistillMain}.
 * Exit codes: 0 done; 2 a failure the user can fix (the command line, the config, the input, the teacher's key,
 * storage, the Spark master: {@link UserErrorMapper}), with one {@code error:} line saying what and how; 1 the run
 * failed otherwise (an internal failure, or the regression gate), with one summary line. Stack traces go to the log
 * file only ({@value #FAILURES_LOGGER} logger), or to stderr as well with {@code --verbose}.
 * On a Databricks jar task main returns or throws instead of exiting: see {@link JobEnding}.
 */
public final class DistillMain {
    /** The logger of every failure's stack trace; conf/log4j2.properties sends it to the log file alone. */
    static final String FAILURES_LOGGER = "io.sparkdistill.failures";
    private static final Logger FAILURES = LoggerFactory.getLogger(FAILURES_LOGGER);
    /** Where bin/distill's log4j2.properties writes the log file (distill.log). */
    static final String LOG_DIR_PROPERTY = "distill.log.dir";
    static final String DEFAULT_CONFIG = "conf/customer-support.yaml";
    static final String USAGE = """
            spark-distill: distil a teacher model into a small, fast student on Apache Spark.

            Usage: distill <command> [options]

            Commands:
              run        generate + train + evaluate, the whole pipeline
              generate   the teacher answers every new input example -> <run>/synthetic (Parquet, or Delta)
              train      trains the distilled and the baseline student -> <run>/models
              evaluate   compares teacher, baseline and distilled student -> <run>/report.html, report.md, metrics.json
              export     accepted teacher answers as chat fine-tuning JSONL -> <run>/export/chat/<split>
              batch-export  pending examples as an OpenAI / Azure Batch API input file -> <run>/batch/input
              batch-import  a Batch API output file as the teacher's answers (--results <file or folder>)
              predict    answers with a saved student (labels a text, or answers a text task), no Spark needed
              score      metrics of any model's outputs against references, as one JSON object on stdout
              provenance <folder>  how a saved student or a run was made: build, config hash, input checksums,
                         teacher, seed, versions (--json: the whole record, the effective config included)

            Options:
              --config <path or URL>   the job's YAML (default: %s); file://, hdfs://, s3a://, ... work
              --set <key>=<value>      overrides a config key (repeatable), e.g. --set hyperparameters.num_epochs=3;
                                       DISTILL__HYPERPARAMETERS__NUM_EPOCHS=3 in the environment does the same, but --set wins
              --model <folder>         predict: a saved student (<run>/models/distilled)
              --results <path>         batch-import: the downloaded Batch API output file(s)
              --accept                 evaluate, run: make this evaluation the baseline even if quality dropped
                                       (evaluation.fail_on_regression otherwise keeps the previous one)
              --allow-mixed-runs       evaluate: compare students saved by different train runs
              --text <text>            predict: the input, once per field in order (nli: premise, hypothesis;
                                       qa: context, question; conversation: a user turn or a JSON messages array)
              --task <task>            score: qa, summarisation, conversation, math, classification or nli
              --predictions <file>     score: JSON Lines {"id": ..., "prediction": "..."}
              --references <file>      score: JSON Lines {"id": ..., "references": [...]} or {"id": ..., "label": ...}
              --json                   provenance: print the record as JSON
              --verbose                on a failure, print its stack trace too (it is always in the log file)
              -h, --help               this help

            Exit codes: 0 done, 2 something to fix on your side (the error: line says what), 1 any other failure.
            The run folder is <output.dir>/<run name> from the config (default runs/<job name>); one command at a
            time works in it (<run folder>/run.lock names the run holding it).
            Under spark-submit the master comes from spark-submit; locally from spark.master in the config.
            Examples:
              distill run
              distill run --config conf/nli.yaml
              distill predict --model runs/customer-support/models/distilled --text "I was charged twice"
              distill score --task qa --predictions p.jsonl --references r.jsonl
              distill provenance runs/customer-support/models/distilled
            """.formatted(DEFAULT_CONFIG);

    private DistillMain() {
    }

    public static void main(String[] args) {
        JobEnding.forThisJvm().end(run(args, System.out, System.err));
    }

    /** Runs a command; returns the exit code. Kept apart from {@link #main} so tests can call it. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli;
        try {
            cli = CommandLine.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println("Run 'distill --help' for usage.");
            return 2;
        }
        if (cli.help() || cli.command() == null) {
            out.print(USAGE);
            return cli.help() ? 0 : 2;
        }
        try {
            if (cli.command().equals("predict")) {
                return predict(cli, out);
            }
            if (cli.command().equals("score")) {
                return score(cli, out);
            }
            if (cli.command().equals("provenance")) {
                return provenance(cli, out);
            }
            JobConfig config = loadConfig(cli.config() == null ? DEFAULT_CONFIG : cli.config(),
                    ConfigOverrides.of(System.getenv(), cli.sets()));
            SparkSession spark = SparkSessions.create(config);
            RunContext context = RunContext.create(config, spark);
            if (cli.command().equals("generate") || cli.command().equals("run")) {
                Preflight.check(context);
            }
            try (RunLock lock = RunLock.acquire(spark.sparkContext().hadoopConfiguration(), context.layout().lock(),
                    cli.describe(), warning -> err.println("warning: " + warning))) {
                switch (cli.command()) {
                    case "generate" -> new GenerateJob(context).run();
                    case "export" -> ChatFineTuneExport.write(spark, context.layout(),
                                    PromptTemplates.resolve(config.task(), config.teacher() instanceof ApiTeacherConfig api
                                            ? api.promptTemplate() : null),
                                    config.labels(), List.of(Split.TRAIN, Split.VALIDATION), true)
                            .forEach((split, n) -> out.println(split.configName() + ": " + n + " conversations in "
                                    + ChatFineTuneExport.folder(context.layout(), split)));
                    case "batch-export" -> out.println("Batch input: " + BatchInputExport.inputFolder(context.layout())
                            + " (" + new GenerateJob(context).exportBatch().requests() + " requests)");
                    case "batch-import" -> {
                        if (cli.results() == null) {
                            throw new ConfigException("batch-import needs --results <Batch API output file or folder>");
                        }
                        new GenerateJob(context).importBatch(cli.results());
                    }
                    case "train" -> new TrainJob(context).run();
                    case "evaluate" -> out.println("Report: " + new EvaluateJob(context, cli.evaluateOptions()).run());
                    case "run" -> {
                        new GenerateJob(context).run();
                        new TrainJob(context).run();
                        out.println("Report: " + new EvaluateJob(context, cli.evaluateOptions()).run());
                    }
                    default -> throw new IllegalStateException("unreachable: " + cli.command());
                }
            }
            return 0;
        } catch (RegressionException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (Exception | Error e) {
            return fail(e, cli.verbose(), err);
        }
    }

    /** One {@code error:} line: what to fix (exit 2), or a summary of an internal failure (exit 1). */
    static int fail(Throwable failure, boolean verbose, PrintStream err) {
        if (verbose) {
            failure.printStackTrace(err);
        }
        Optional<UserError> user = UserErrorMapper.userErrorIn(failure);
        if (user.isPresent()) {
            FAILURES.info("stopped by a failure the user can fix ({})", user.get().kind(), failure);
            err.println("error: " + user.get().getMessage());
            return 2;
        }
        FAILURES.error("the run failed", failure);
        Throwable root = UserErrorMapper.rootCause(failure);
        err.println("error: the run failed on an internal error, " + root.getClass().getSimpleName() + ": "
                + UserErrorMapper.firstLine(root) + " (the stack trace is in " + logFile()
                + (verbose ? ")" : ", or run again with --verbose)"));
        return 1;
    }

    private static String logFile() {
        String dir = System.getProperty(LOG_DIR_PROPERTY);
        return dir == null ? "the driver's log" : Paths.get(dir, "distill.log").toString();
    }

    public static JobConfig loadConfig(String location, ConfigOverrides overrides) {
        try {
            Path path = new Path(location);
            try (var in = path.getFileSystem(new Configuration()).open(path)) {
                return ConfigLoader.parseFile(new String(in.readAllBytes(), StandardCharsets.UTF_8), location,
                        overrides);
            }
        } catch (IOException e) {
            throw new ConfigException("cannot read config '" + location + "': " + e.getMessage()
                    + (location.equals(DEFAULT_CONFIG) ? " (run from the project folder, or pass --config)" : ""), e);
        }
    }

    private static int predict(CommandLine cli, PrintStream out) throws ConfigException {
        if (cli.model() == null || cli.texts().isEmpty()) {
            throw new ConfigException("predict needs --model <folder> and --text <text>");
        }
        java.nio.file.Path folder = Paths.get(cli.model());
        StudentModel model;
        Map<String, String> inputs;
        try {
            TaskStrategy task = TaskStrategies.of(SavedStudents.taskOf(folder));
            try {
                inputs = task.inputsOf(cli.texts());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage() + "; give one non-empty --text per input, in that order");
            }
            if (task instanceof TextTask text) {
                TextStudent student = text.loadStudent(folder);
                out.println(student.newAnswerer().answer(inputs).text());
                return 0;
            }
            model = StudentModel.load(folder);
        } catch (IOException e) {
            throw new ConfigException("cannot load a student from '" + cli.model() + "': " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
        StudentModel.Prediction prediction = model.predict(List.copyOf(inputs.values()));
        out.println(prediction.label());
        for (Map.Entry<String, Float> p : prediction.byLabel().entrySet()) {
            out.printf("  %-24s %.4f%n", p.getKey(), p.getValue());
        }
        return 0;
    }

    private static int score(CommandLine cli, PrintStream out) {
        if (cli.task() == null || cli.predictions() == null || cli.references() == null) {
            throw new ConfigException("score needs --task, --predictions and --references");
        }
        try {
            out.println(TextScorer.score(TaskType.fromConfigName(cli.task()), Paths.get(cli.predictions()),
                    Paths.get(cli.references())));
            return 0;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + cli.predictions() + " or " + cli.references() + ": "
                    + e.getMessage(), e);
        }
    }

    private static int provenance(CommandLine cli, PrintStream out) {
        if (cli.folder() == null) {
            throw new ConfigException("provenance needs a folder: a saved student (<run>/models/distilled) or a run");
        }
        try {
            SavedProvenance saved = SavedProvenance.in(Paths.get(cli.folder()));
            out.println(cli.json() ? saved.prettyJson() : saved.text());
            return 0;
        } catch (IOException e) {
            throw new ConfigException("cannot read the provenance in '" + cli.folder() + "': " + e.getMessage(), e);
        }
    }

    /** The parsed command line; {@code folder} is provenance's argument. */
    record CommandLine(String command, String config, String model, List<String> texts, String task,
                       String predictions, String references, String results, List<String> sets, boolean help,
                       boolean accept, boolean allowMixedRuns, boolean verbose, String folder, boolean json) {
        private static final List<String> COMMANDS = List.of("run", "generate", "train", "evaluate", "predict",
                "score", "export", "batch-export", "batch-import", "provenance");

        static CommandLine parse(String[] args) {
            String command = null;
            String config = null;
            String model = null;
            String task = null;
            String predictions = null;
            String references = null;
            String results = null;
            List<String> texts = new ArrayList<>();
            List<String> sets = new ArrayList<>();
            boolean help = false;
            boolean accept = false;
            boolean allowMixedRuns = false;
            boolean verbose = false;
            String folder = null;
            boolean json = false;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "-h", "--help" -> help = true;
                    case "--verbose" -> verbose = true;
                    case "--json" -> json = true;
                    case "--config" -> config = value(args, ++i, arg);
                    case "--model" -> model = value(args, ++i, arg);
                    case "--text" -> texts.add(value(args, ++i, arg));
                    case "--task" -> task = value(args, ++i, arg);
                    case "--predictions" -> predictions = value(args, ++i, arg);
                    case "--references" -> references = value(args, ++i, arg);
                    case "--results" -> results = value(args, ++i, arg);
                    case "--set" -> sets.add(value(args, ++i, arg));
                    case "--accept" -> accept = true;
                    case "--allow-mixed-runs" -> allowMixedRuns = true;
                    default -> {
                        if (arg.startsWith("-")) {
                            throw new IllegalArgumentException("unknown option '" + arg + "'");
                        }
                        if ("provenance".equals(command) && folder == null) {
                            folder = arg;
                            continue;
                        }
                        if (command != null) {
                            throw new IllegalArgumentException("one command at a time; got '" + command + "' and '"
                                    + arg + "'");
                        }
                        if (!COMMANDS.contains(arg)) {
                            throw new IllegalArgumentException("unknown command '" + arg + "'; commands: " + COMMANDS);
                        }
                        command = arg;
                    }
                }
            }
            if ((accept || allowMixedRuns) && !List.of("evaluate", "run").contains(command)) {
                throw new IllegalArgumentException("--accept and --allow-mixed-runs are for evaluate and run");
            }
            return new CommandLine(command, config, model, List.copyOf(texts), task, predictions, references, results,
                    List.copyOf(sets), help, accept, allowMixedRuns, verbose, folder, json);
        }

        EvaluateOptions evaluateOptions() {
            return new EvaluateOptions(accept, allowMixedRuns);
        }

        /** The command as the run lock shows it; --set values are left out, since they may hold credentials. */
        String describe() {
            return command + (config == null ? "" : " --config " + config)
                    + (sets.isEmpty() ? "" : " (" + sets.size() + " --set)");
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length || args[i].startsWith("--")) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }
    }
}
