package io.sparkdistill.teacher;

import ai.djl.MalformedModelException;
import ai.djl.huggingface.translator.TextEmbeddingTranslatorFactory;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pretrained sentence encoder behind the embedded teacher: all-MiniLM-L6-v2 (quantized ONNX) run by DJL on
 * ONNX Runtime, with mean pooling over the attention mask and L2 normalisation, as sentence-transformers does for
 * this model. Texts longer than {@link #MAX_TOKENS} tokens are truncated, also as sentence-transformers does.
 *
 * <p>Loading costs a 23 MB read and an ONNX session, so there is one model per JVM ({@link #shared()}), which is
 * what each Spark executor calls. The model is thread-safe but DJL predictors are not, so each thread (each
 * partition) opens its own {@link EncoderSession}. The shared model lives as long as the JVM.
 */
public final class SentenceEncoder implements AutoCloseable {

    /**
     * Parameters of all-MiniLM-L6-v2 as its model card states them (22.7M). ONNX Runtime does not expose the
     * weights of a loaded model to count, so the evaluation reports this published figure.
     */
    public static final long PARAMETERS = 22_700_000L;
    private static final String MODEL_DISPLAY_NAME = "all-MiniLM-L6-v2 (quantized ONNX)";
    /** Width of the embeddings. */
    public static final int DIMENSION = 384;
    /** sentence-transformers' max_seq_length for this model. */
    static final int MAX_TOKENS = 256;

    private static final AtomicInteger LOADS = new AtomicInteger();
    /**
     * Double-checked rather than a holder class: if a load fails (disk full, missing jar), the next call retries
     * and reports the real cause, where a failed class initialiser would only say NoClassDefFoundError.
     */
    private static volatile SentenceEncoder shared;

    private final ZooModel<String, float[]> model;
    private final BundledModel files;

    private SentenceEncoder(ZooModel<String, float[]> model, BundledModel files) {
        this.model = model;
        this.files = files;
    }

    /** The JVM's one encoder, loaded on first call, each call on as many threads as ONNX Runtime picks (one per core). */
    public static SentenceEncoder shared() {
        return shared(0);
    }

    /**
     * The JVM's one encoder, loaded on first call with each call running on {@code threadsPerCall} threads (0: ONNX
     * Runtime's default, one per core). A Spark executor runs one call per task slot at once, so each should use
     * its task's cores, not every core: two tasks of two threads each on two cores measured 0.78x the rows/s of one
     * thread each ({@code bench/offline-teacher}). Later calls get the encoder as first loaded, whatever they pass.
     */
    public static SentenceEncoder shared(int threadsPerCall) {
        SentenceEncoder encoder = shared;
        if (encoder == null) {
            synchronized (SentenceEncoder.class) {
                encoder = shared;
                if (encoder == null) {
                    encoder = load(threadsPerCall);
                    shared = encoder;
                }
            }
        }
        return encoder;
    }

    /** How many times the model was loaded in this JVM: 1 once {@link #shared()} was called, whatever happens next. */
    public static int loadCount() {
        return LOADS.get();
    }

    /**
     * A second, private copy of the model that the caller must close; it does not count in {@link #loadCount()}.
     * The evaluation loads one to time the teacher, and closes it after.
     */
    public static SentenceEncoder loadUnshared() {
        return loadUnshared(0);
    }

    /** As {@link #loadUnshared()}, each call on {@code threadsPerCall} threads (0: ONNX Runtime's default). */
    static SentenceEncoder loadUnshared(int threadsPerCall) {
        SentenceEncoder encoder = load(threadsPerCall);
        LOADS.decrementAndGet();
        return encoder;
    }

    /** Closes a copy from {@link #loadUnshared()}; the shared copy lives as long as the JVM and refuses. */
    @Override
    public void close() {
        if (this == shared) {
            throw new IllegalStateException("the shared encoder is never closed; close only loadUnshared() copies");
        }
        model.close();
    }

    private static SentenceEncoder load(int threadsPerCall) {
        if (threadsPerCall < 0) {
            throw new IllegalArgumentException("threads per call must be 0 (ONNX Runtime's default) or more, got "
                    + threadsPerCall);
        }
        BundledModel files = BundledModel.extract();
        Criteria.Builder<String, float[]> builder = Criteria.builder()
                .setTypes(String.class, float[].class)
                .optModelPath(files.directory())
                .optModelName(BundledModel.MODEL_NAME)
                .optEngine("OnnxRuntime")
                .optTranslatorFactory(new TextEmbeddingTranslatorFactory())
                .optArgument("pooling", "mean")
                .optArgument("normalize", "true")
                .optArgument("includeTokenTypes", "true")
                .optArgument("padding", "true")
                .optArgument("truncation", "true")
                .optArgument("maxLength", String.valueOf(MAX_TOKENS));
        if (threadsPerCall > 0) {
            builder.optOption("intraOpNumThreads", String.valueOf(threadsPerCall));
        }
        Criteria<String, float[]> criteria = builder.build();
        try {
            ZooModel<String, float[]> model = criteria.loadModel();
            LOADS.incrementAndGet();
            return new SentenceEncoder(model, files);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the teacher encoder from " + files.directory(), e);
        } catch (ModelNotFoundException | MalformedModelException e) {
            throw new IllegalStateException("cannot load the teacher encoder from " + files.directory(), e);
        }
    }

    /**
     * The teacher's identity (name, artefact version, fingerprint) from the model files alone, without starting an
     * ONNX session: what the Spark driver records as provenance while the executors run the model.
     */
    public static TeacherInfo describeBundled() {
        BundledModel files = BundledModel.extract();
        return new TeacherInfo(MODEL_DISPLAY_NAME, files.version(), files.fingerprint(),
                java.util.Map.of("modelSizeBytes", String.valueOf(files.sizeBytes())));
    }

    /** A new session for one thread; close it when done (it does not close the model). */
    public EncoderSession newSession() {
        return new EncoderSession(this, model.newPredictor());
    }

    public int dimension() {
        return DIMENSION;
    }

    public String modelName() {
        return MODEL_DISPLAY_NAME;
    }

    /** Version of the Maven artefact the model was shipped in. */
    public String version() {
        return files.version();
    }

    /** First 12 hex digits of the SHA-256 of the ONNX bytes. */
    public String fingerprint() {
        return files.fingerprint();
    }

    /** Size of the ONNX file on disk. */
    public long modelSizeBytes() {
        return files.sizeBytes();
    }
}
