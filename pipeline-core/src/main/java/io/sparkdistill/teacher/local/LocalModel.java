package io.sparkdistill.teacher.local;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.translator.TextEmbeddingTranslator;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.util.PairList;
import io.sparkdistill.config.ConfigProblem;
import io.sparkdistill.config.LocalModelSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A user's DJL-loadable model (ONNX or TorchScript with a HuggingFace tokenizer) as a teacher: an {@code encoder}
 * whose pooled embeddings feed a fitted head, or a {@code classifier} that outputs one logit per label.
 *
 * <p>Like {@link io.sparkdistill.teacher.SentenceEncoder}, there is one loaded model per JVM and settings
 * ({@link #shared}), which is what each Spark executor calls, and one {@link LocalSession} (one DJL predictor) per
 * thread. Shared models live as long as the JVM.
 */
public final class LocalModel implements AutoCloseable {

    private static final Map<LocalModelSettings, LocalModel> SHARED = new ConcurrentHashMap<>();
    private static final AtomicInteger LOADS = new AtomicInteger();

    private final LocalModelSettings settings;
    private final LocalModelFiles files;
    private final ZooModel<NDList, NDList> model;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean includeTokenTypes;

    private LocalModel(LocalModelSettings settings, LocalModelFiles files, ZooModel<NDList, NDList> model,
                       HuggingFaceTokenizer tokenizer, boolean includeTokenTypes) {
        this.settings = settings;
        this.files = files;
        this.model = model;
        this.tokenizer = tokenizer;
        this.includeTokenTypes = includeTokenTypes;
    }

    /**
     * The JVM's model for {@code settings}, loaded (and for a URL, copied to local disk) on first call. A failed load
     * is not cached: the next call tries again and reports the real cause.
     *
     * @param fetcher copies a URL to a new local temporary file or folder (see {@link LocalModelFiles#resolve})
     */
    public static LocalModel shared(LocalModelSettings settings, Function<String, Path> fetcher) {
        LocalModel model = SHARED.get(settings);
        if (model != null) {
            return model;
        }
        synchronized (SHARED) {
            return SHARED.computeIfAbsent(settings, s -> load(s, fetcher));
        }
    }

    /** For local paths only: a URL path needs a fetcher. */
    public static LocalModel shared(LocalModelSettings settings) {
        return shared(settings, url -> {
            throw new IllegalArgumentException("teacher.local.path " + url + " is a URL, and no fetcher was given "
                    + "to copy it");
        });
    }

    /** How many models {@link #shared} loaded in this JVM, all settings together. */
    public static int loadCount() {
        return LOADS.get();
    }

    /**
     * A private copy the caller must close, not counted in {@link #loadCount()}: the evaluation times the teacher on
     * one and closes it after.
     */
    public static LocalModel loadUnshared(LocalModelSettings settings, Function<String, Path> fetcher) {
        LocalModel model = load(settings, fetcher);
        LOADS.decrementAndGet();
        return model;
    }

    /** Closes a {@link #loadUnshared} copy; shared models live as long as the JVM and refuse. */
    @Override
    public void close() {
        if (SHARED.get(settings) == this) {
            throw new IllegalStateException("a shared local model is never closed; close only loadUnshared() copies");
        }
        model.close();
    }

    private static LocalModel load(LocalModelSettings settings, Function<String, Path> fetcher) {
        List<ConfigProblem> problems = settings.problems("teacher.local");
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid local teacher: " + problems);
        }
        requireEngine(settings);
        LocalModelFiles files = LocalModelFiles.resolve(settings, fetcher);
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(files.directory())
                .optModelName(files.modelName())
                .optEngine(settings.engine())
                .build();
        ZooModel<NDList, NDList> model = null;
        try {
            model = criteria.loadModel();
            HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(files.tokenizer())
                    .optManager(model.getNDManager())
                    .optPadding(true)
                    .optTruncation(true)
                    .optMaxLength(settings.maxLength())
                    .build();
            LocalModel loaded = new LocalModel(settings, files, model, tokenizer, wantsTokenTypes(model));
            LOADS.incrementAndGet();
            return loaded;
        } catch (IOException e) {
            closeQuietly(model);
            throw new UncheckedIOException("cannot load the local teacher " + files.modelFile(), e);
        } catch (ModelNotFoundException | MalformedModelException | RuntimeException e) {
            closeQuietly(model);
            throw new IllegalStateException("cannot load the local teacher " + files.modelFile() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Fails, naming the key and the fix, when the DJL engine {@code settings} asks for is not on the classpath. */
    public static void requireEngine(LocalModelSettings settings) {
        if (!Engine.hasEngine(settings.engine())) {
            throw new IllegalStateException("teacher.local.engine: the DJL engine " + settings.engine() + " is not on "
                    + "the classpath (engines here: " + Engine.getAllEngines() + ")" + buildHint(settings.engine()));
        }
    }

    private static String buildHint(String engine) {
        return LocalModelSettings.PYTORCH.equals(engine) ? "; build spark-distill with -Ppytorch, which adds the "
                + "engine with libtorch for CPU (ai.djl.pytorch:pytorch-native-cpu), so nothing is downloaded" : "";
    }

    /** Feed token_type_ids when the model declares that input, or declares no inputs at all (TorchScript). */
    private static boolean wantsTokenTypes(ZooModel<NDList, NDList> model) {
        PairList<String, Shape> inputs = model.describeInput();
        return inputs == null || inputs.isEmpty() || inputs.keys().contains("token_type_ids");
    }

    private static void closeQuietly(ZooModel<?, ?> model) {
        if (model != null) {
            model.close();
        }
    }

    /** A new session for one thread; close it when done (it does not close the model). */
    public LocalSession newSession() {
        if (settings.isEncoder()) {
            TextEmbeddingTranslator translator = TextEmbeddingTranslator.builder(tokenizer)
                    .optPoolingMode(settings.pooling())
                    .optNormalize(settings.normalize())
                    .optIncludeTokenTypes(includeTokenTypes)
                    .build();
            return LocalSession.encoder(this, model.newPredictor(translator));
        }
        return LocalSession.classifier(this, model.newPredictor(new LogitsTranslator(tokenizer, includeTokenTypes)));
    }

    public LocalModelSettings settings() {
        return settings;
    }

    public boolean isEncoder() {
        return settings.isEncoder();
    }

    /** For provenance: the model file's stem and engine, e.g. "my-model (OnnxRuntime)". */
    public String name() {
        return files.modelName() + " (" + settings.engine() + ")";
    }

    /** Where the model was configured to be: the path or URL as the config gives it. */
    public String path() {
        return settings.path();
    }

    /** The local folder the model was loaded from. */
    public Path localDirectory() {
        return files.directory();
    }

    /** First 12 hex digits of the SHA-256 of the model file. */
    public String fingerprint() {
        return files.fingerprint();
    }

    public long modelSizeBytes() {
        return files.sizeBytes();
    }

    /** Everything that shapes this teacher's answers, for the provenance columns. */
    public Map<String, String> details() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("engine", "DJL " + settings.engine());
        details.put("kind", settings.kind());
        details.put("path", settings.path());
        details.put("modelFile", files.modelFile().getFileName().toString());
        details.put("modelSizeBytes", String.valueOf(files.sizeBytes()));
        details.put("tokenizer", settings.tokenizer());
        details.put("maxLength", String.valueOf(settings.maxLength()));
        details.put("tokenTypes", String.valueOf(includeTokenTypes));
        if (settings.isEncoder()) {
            details.put("pooling", settings.pooling());
            details.put("normalize", String.valueOf(settings.normalize()));
        }
        return details;
    }
}
