package io.sparkdistill.config;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * A user's own DJL-loadable model as the teacher ({@code teacher.local}).
 *
 * @param path      the model folder: a local path, or a Hadoop URL ({@code file://}, {@code hdfs://}, {@code s3a://},
 *                  ...) that each executor copies to its local disk once. A local path may also name the model file
 *                  itself, whose folder then holds the tokenizer.
 * @param engine    {@code OnnxRuntime} or {@code PyTorch} (TorchScript); default: PyTorch when {@code path} names a
 *                  {@code .pt} file, else OnnxRuntime
 * @param kind      {@code classifier}: the model outputs one logit per label, in the job's label order;
 *                  {@code encoder}: the model outputs token or sentence embeddings, pooled into one vector per text,
 *                  and a head is fitted on the training split as for the embedded teacher
 * @param modelName the model file's stem inside the folder ({@code <model_name>.onnx} or {@code .pt}); default: the
 *                  folder's only such file
 * @param tokenizer the HuggingFace tokenizer file, relative to the folder (default {@code tokenizer.json})
 * @param pooling   encoder: {@code mean} (default) or {@code cls}
 * @param normalize encoder: L2-normalise each embedding (default true)
 * @param maxLength tokens per text (pair) after truncation (default 512)
 */
public record LocalModelSettings(String path, String engine, String kind, String modelName, String tokenizer,
                                 String pooling, Boolean normalize, Integer maxLength) implements Serializable {

    public static final String ONNX_RUNTIME = "OnnxRuntime";
    public static final String PYTORCH = "PyTorch";
    public static final String CLASSIFIER = "classifier";
    public static final String ENCODER = "encoder";
    public static final List<String> POOLINGS = List.of("mean", "cls");

    public LocalModelSettings {
        engine = engine == null ? engineOf(path) : canonicalEngine(engine);
        kind = kind == null ? null : kind.toLowerCase(Locale.ROOT);
        tokenizer = tokenizer == null ? "tokenizer.json" : tokenizer;
        pooling = pooling == null ? "mean" : pooling.toLowerCase(Locale.ROOT);
        normalize = normalize == null || normalize;
        maxLength = maxLength == null ? 512 : maxLength;
    }

    /** Everything wrong with the settings; {@code prefix} is where they sit in the config, e.g. "teacher.local". */
    public List<ConfigProblem> problems(String prefix) {
        ConfigProblems problems = new ConfigProblems();
        validate(problems.at(prefix));
        return problems.all();
    }

    /** Checks every key; {@code problems} is the view of this section. */
    public void validate(ConfigProblems problems) {
        problems.require(path != null && !path.isBlank(), "path", path,
                "the model folder: a local path or a Hadoop URL (file://, hdfs://, s3a://)");
        problems.require(ONNX_RUNTIME.equals(engine) || PYTORCH.equals(engine), "engine", engine,
                "OnnxRuntime or PyTorch");
        problems.require(CLASSIFIER.equals(kind) || ENCODER.equals(kind), "kind", kind,
                "classifier (the model outputs one logit per label) or encoder (it outputs embeddings)");
        problems.require(modelName == null || !(modelName.isBlank() || modelName.contains("/")
                || modelName.contains("\\")), "model_name", modelName, "a file stem inside the model folder");
        problems.require(!(tokenizer.isBlank() || tokenizer.startsWith("/") || tokenizer.contains("..")), "tokenizer",
                tokenizer, "a path inside the model folder, e.g. tokenizer.json");
        problems.require(POOLINGS.contains(pooling), "pooling", pooling, "mean or cls");
        problems.require(maxLength >= 2, "max_length", maxLength, "at least 2 tokens");
    }

    public boolean isEncoder() {
        return ENCODER.equals(kind);
    }

    /** Whether {@link #path} is read through Hadoop (it has a URL scheme) rather than from the local disk. */
    public boolean isUrl() {
        return path != null && path.matches("[A-Za-z][A-Za-z0-9+.-]+://.*");
    }

    /** The engine a model file's extension names: a TorchScript {@code .pt} file is PyTorch's, all else ONNX. */
    private static String engineOf(String path) {
        return path != null && path.strip().toLowerCase(Locale.ROOT).endsWith(".pt") ? PYTORCH : ONNX_RUNTIME;
    }

    private static String canonicalEngine(String engine) {
        return switch (engine.toLowerCase(Locale.ROOT)) {
            case "onnxruntime", "onnx" -> ONNX_RUNTIME;
            case "pytorch" -> PYTORCH;
            default -> engine;
        };
    }
}
