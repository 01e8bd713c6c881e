package io.sparkdistill.config;

import java.io.Serializable;
import java.util.ArrayList;
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

    /**
     * One thing wrong with the settings, in the shape of {@code ConfigLoader}'s checks.
     *
     * @param key      the full key, e.g. {@code teacher.local.kind}
     * @param found    the value found (null: missing)
     * @param expected what would be valid
     */
    public record Problem(String key, Object found, String expected) implements Serializable {
        @Override
        public String toString() {
            return key + ": expected " + expected + ", found " + (found == null ? "nothing" : "'" + found + "'");
        }
    }

    public LocalModelSettings {
        engine = engine == null ? engineOf(path) : canonicalEngine(engine);
        kind = kind == null ? null : kind.toLowerCase(Locale.ROOT);
        tokenizer = tokenizer == null ? "tokenizer.json" : tokenizer;
        pooling = pooling == null ? "mean" : pooling.toLowerCase(Locale.ROOT);
        normalize = normalize == null || normalize;
        maxLength = maxLength == null ? 512 : maxLength;
    }

    /** Everything wrong with the settings; {@code prefix} is where they sit in the config, e.g. "teacher.local". */
    public List<Problem> problems(String prefix) {
        List<Problem> problems = new ArrayList<>();
        if (path == null || path.isBlank()) {
            problems.add(new Problem(prefix + ".path", path,
                    "the model folder: a local path or a Hadoop URL (file://, hdfs://, s3a://)"));
        }
        if (!ONNX_RUNTIME.equals(engine) && !PYTORCH.equals(engine)) {
            problems.add(new Problem(prefix + ".engine", engine, "OnnxRuntime or PyTorch"));
        }
        if (!CLASSIFIER.equals(kind) && !ENCODER.equals(kind)) {
            problems.add(new Problem(prefix + ".kind", kind,
                    "classifier (the model outputs one logit per label) or encoder (it outputs embeddings)"));
        }
        if (modelName != null && (modelName.isBlank() || modelName.contains("/") || modelName.contains("\\"))) {
            problems.add(new Problem(prefix + ".model_name", modelName, "a file stem inside the model folder"));
        }
        if (tokenizer.isBlank() || tokenizer.startsWith("/") || tokenizer.contains("..")) {
            problems.add(new Problem(prefix + ".tokenizer", tokenizer,
                    "a path inside the model folder, e.g. tokenizer.json"));
        }
        if (!POOLINGS.contains(pooling)) {
            problems.add(new Problem(prefix + ".pooling", pooling, "mean or cls"));
        }
        if (maxLength < 2) {
            problems.add(new Problem(prefix + ".max_length", maxLength, "at least 2 tokens"));
        }
        return problems;
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
