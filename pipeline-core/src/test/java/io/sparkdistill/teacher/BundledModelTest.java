package io.sparkdistill.teacher;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BundledModelTest {

    @Test
    void concurrentExtractionsIntoTheConfiguredFolderLeaveOneCompleteCopyAndNoPartFiles() throws Exception {
        Path dir = Path.of("target", "bundled-model-test-" + System.nanoTime());
        String before = System.getProperty(BundledModel.MODEL_DIR_PROPERTY);
        System.setProperty(BundledModel.MODEL_DIR_PROPERTY, dir.toString());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<BundledModel>> extractions = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                extractions.add(pool.submit(BundledModel::extract));
            }
            for (Future<BundledModel> f : extractions) {
                BundledModel model = f.get();
                assertEquals(dir, model.directory());
                assertEquals(Files.size(dir.resolve(BundledModel.ONNX_FILE)), model.sizeBytes());
            }
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(List.of(BundledModel.ONNX_FILE, BundledModel.TOKENIZER_FILE),
                        files.map(p -> p.getFileName().toString()).sorted().toList());
            }
            assertTrue(Files.size(dir.resolve(BundledModel.TOKENIZER_FILE)) > 100_000);
        } finally {
            pool.shutdown();
            if (before == null) {
                System.clearProperty(BundledModel.MODEL_DIR_PROPERTY);
            } else {
                System.setProperty(BundledModel.MODEL_DIR_PROPERTY, before);
            }
        }
    }
}
