package io.sparkdistill.teacher.local;

import io.sparkdistill.config.LocalModelSettings;
import io.sparkdistill.ingest.Example;
import io.sparkdistill.ingest.Split;
import io.sparkdistill.ingest.TaskType;
import io.sparkdistill.teacher.EncoderSession;
import io.sparkdistill.teacher.LinearHead;
import io.sparkdistill.teacher.SentenceEncoder;
import io.sparkdistill.teacher.TeacherAnswer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generic local-model path, pointed at the shipped MiniLM laid out as a user's model folder. */
class LocalModelTest {

    private static final List<String> TEXTS = List.of(
            "The parcel never arrived.",
            "Hi",
            "I was charged twice for my subscription this month, please refund the second payment.",
            "A much longer sentence about quarterly invoices, refunds and the way the billing portal shows them "
                    + "to account owners who log in from several devices at once.");

    static LocalModelSettings minilmEncoder(String path) {
        return new LocalModelSettings(path, "onnxruntime", "encoder", MiniLmFolder.MODEL_NAME, null, "mean", true, 256);
    }

    @Test
    void embeddingsEqualTheBundledEncodersOneTextAtATime() {
        LocalModel model = LocalModel.shared(minilmEncoder(MiniLmFolder.get().toString()));
        try (LocalSession local = model.newSession(); EncoderSession bundled = SentenceEncoder.shared().newSession()) {
            for (String text : TEXTS) {
                float[] a = local.encode(List.of(text))[0];
                float[] b = bundled.encode(List.of(text))[0];
                assertEquals(384, a.length);
                assertTrue(cosine(a, b) > 0.999, "cosine " + cosine(a, b) + " for '" + text + "'");
                assertEquals(1.0, cosine(a, a), 1e-4, "normalised");
            }
            // Batched, the quantized model's dynamic activation scales see the padded rows too: compare batch to batch.
            float[][] batch = local.encode(TEXTS);
            float[][] bundledBatch = bundled.encode(TEXTS);
            for (int i = 0; i < TEXTS.size(); i++) {
                assertTrue(cosine(batch[i], bundledBatch[i]) > 0.999, "batched text " + i);
            }
            assertEquals(2L * TEXTS.size(), local.calls());
        }
        assertEquals(SentenceEncoder.shared().fingerprint(), model.fingerprint(), "same ONNX bytes, same fingerprint");
    }

    @Test
    void theModelIsLoadedOncePerJvmHoweverManySessions() throws Exception {
        LocalModelSettings settings = minilmEncoder(MiniLmFolder.get().toString());
        LocalModel first = LocalModel.shared(settings);
        int loads = LocalModel.loadCount();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 3; i++) {
                    LocalModelSettings equal = minilmEncoder(MiniLmFolder.get().toString());
                    try (LocalSession session = LocalModel.shared(equal).newSession()) {
                        session.encode(List.of("session " + i));
                    } catch (Throwable e) {
                        synchronized (errors) {
                            errors.add(e);
                        }
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(List.of(), errors);
        assertEquals(loads, LocalModel.loadCount(), "twelve sessions on four threads, no new load");
        assertSame(first, LocalModel.shared(minilmEncoder(MiniLmFolder.get().toString())));
        assertThrows(IllegalStateException.class, first::close);
        try (LocalModel copy = LocalModel.loadUnshared(settings, u -> null); LocalSession session = copy.newSession()) {
            assertTrue(copy != first);
            assertEquals(384, session.encode(List.of("a private copy"))[0].length);
        }
        assertEquals(loads, LocalModel.loadCount(), "a private copy does not count");
    }

    @Test
    void aUrlIsCopiedToLocalDiskOnceThenReused() throws IOException {
        Path source = MiniLmFolder.get();
        String url = source.toUri().toString();
        assertTrue(url.startsWith("file:/"));
        Path cache = LocalModelFiles.cacheFolder(url);
        deleteTree(cache);
        AtomicInteger fetches = new AtomicInteger();
        java.util.function.Function<String, Path> fetcher = u -> {
            fetches.incrementAndGet();
            return copyToTemp(Path.of(java.net.URI.create(u)));
        };
        // Another task of the same host finished its copy while ours was under way: ours is dropped, theirs kept.
        LocalModelSettings settings = minilmEncoder(url);
        LocalModelFiles files = LocalModelFiles.resolve(settings, fetcher);
        LocalModelFiles again = LocalModelFiles.resolve(settings, fetcher);
        assertEquals(1, fetches.get(), "the second resolve finds the copy");
        assertEquals(files.directory(), again.directory());
        assertTrue(files.directory().startsWith(cache));
        assertNotEquals(source, files.directory());

        LocalModel model = LocalModel.shared(settings, fetcher);
        assertEquals(1, fetches.get());
        try (LocalSession session = model.newSession(); EncoderSession bundled = SentenceEncoder.shared().newSession()) {
            assertTrue(cosine(session.encode(List.of(TEXTS.get(2)))[0], bundled.encode(List.of(TEXTS.get(2)))[0])
                    > 0.999);
        }
        assertEquals(url, model.path());
        try (Stream<Path> leftovers = Files.list(cache.getParent())) {
            assertEquals(List.of(), leftovers.filter(p -> p.getFileName().toString().startsWith(
                    cache.getFileName() + "-")).toList(), "no staging folder left behind");
        }
    }

    @Test
    void racingCopiesOfOneUrlLeaveOneCompleteFolder() throws Exception {
        Path source = MiniLmFolder.get();
        String url = source.toUri() + "?race";   // a URL of its own, so a cache folder of its own
        Path cache = LocalModelFiles.cacheFolder(url);
        deleteTree(cache);
        if (Files.isDirectory(cache.getParent())) {
            try (Stream<Path> old = Files.list(cache.getParent())) {
                for (Path p : old.filter(p -> p.getFileName().toString().startsWith(cache.getFileName() + "-"))
                        .toList()) {
                    deleteTree(p);
                }
            }
        }
        java.util.function.Function<String, Path> fetcher = u -> copyToTemp(source);
        LocalModelSettings settings = new LocalModelSettings(url, null, "encoder", MiniLmFolder.MODEL_NAME, null,
                null, null, null);
        List<Thread> threads = new ArrayList<>();
        List<Object> results = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                Object result;
                try {
                    result = LocalModelFiles.resolve(settings, fetcher).fingerprint();
                } catch (Throwable e) {
                    result = e;
                }
                synchronized (results) {
                    results.add(result);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        String expected = SentenceEncoder.shared().fingerprint();
        assertEquals(List.of(expected, expected, expected, expected), results);
        try (Stream<Path> siblings = Files.list(cache.getParent())) {
            assertEquals(List.of(), siblings.filter(p -> p.getFileName().toString().startsWith(
                    cache.getFileName() + "-")).toList(), "losers' staging folders are deleted");
        }
    }

    @Test
    void aModelThatGivesEmbeddingsIsRefusedAsAClassifier() {
        LocalModelSettings settings = new LocalModelSettings(MiniLmFolder.get().toString(), null, "classifier",
                MiniLmFolder.MODEL_NAME, null, null, null, 128);
        try (LocalSession session = LocalModel.shared(settings).newSession()) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> session.logits(List.of("hello")));
            String message = e.getMessage() + " / " + (e.getCause() == null ? "" : e.getCause().getMessage());
            assertTrue(message.contains("kind: encoder"), message);
            assertThrows(IllegalStateException.class, () -> session.encode(List.of("hello")));
        }
    }

    @Test
    void anEncoderTeacherAnswersThroughItsHeadWithPairFeaturesForNli() {
        LocalModel model = LocalModel.shared(minilmEncoder(MiniLmFolder.get().toString()));
        List<String> labels = List.of("entailment", "neutral", "contradiction");
        float[][] weights = new float[3][4 * 384];
        java.util.Arrays.fill(weights[0], 3 * 384, 4 * 384, 10f);   // sum of u * v: agreement
        LinearHead head = new LinearHead(labels, weights, new float[3],
                new LinearHead.HeadFit("test", 0, 1, 0, 1, Instant.now().toString()));
        Example same = new Example("1", TaskType.NLI, Split.TRAIN, Map.of("premise", "The parcel never arrived.",
                "hypothesis", "The parcel never arrived."), "entailment", "f", 1);
        try (LocalTeacher teacher = LocalTeacher.withHead(model.newSession(), head, 1.0)) {
            TeacherAnswer answer = teacher.answer(List.of(same)).get(0);
            assertEquals("entailment", answer.label());
            assertEquals(1.0, answer.logits()[0] / 10, 1e-3, "u * v sums to |u|^2 = 1");
            assertEquals(model.fingerprint(), teacher.info().modelFingerprint());
            assertEquals("mean", teacher.info().details().get("pooling"));
        }
    }

    @Test
    void missingFilesAreReportedWithTheirKey() {
        Path dir = MiniLmFolder.get();
        IllegalArgumentException noModel = assertThrows(IllegalArgumentException.class, () -> LocalModelFiles.resolve(
                new LocalModelSettings(dir.toString(), null, "encoder", "nope", null, null, null, null), u -> null));
        assertTrue(noModel.getMessage().startsWith("teacher.local.model_name"), noModel.getMessage());
        IllegalArgumentException noTokenizer = assertThrows(IllegalArgumentException.class,
                () -> LocalModelFiles.resolve(new LocalModelSettings(dir.toString(), null, "encoder", null,
                        "vocab/tokenizer.json", null, null, null), u -> null));
        assertTrue(noTokenizer.getMessage().startsWith("teacher.local.tokenizer"), noTokenizer.getMessage());
        LocalModelFiles byFile = LocalModelFiles.resolve(new LocalModelSettings(
                dir.resolve(MiniLmFolder.MODEL_NAME + ".onnx").toString(), null, "encoder", null, null, null, null,
                null), u -> null);
        assertEquals(MiniLmFolder.MODEL_NAME, byFile.modelName(), "a model file's stem is its name");
        IllegalStateException pytorch = assertThrows(IllegalStateException.class, () -> LocalModel.shared(
                new LocalModelSettings(dir.toString(), "PyTorch", "encoder", null, null, null, null, null)));
        assertTrue(pytorch.getMessage().startsWith("teacher.local.engine"), pytorch.getMessage());
        assertTrue(pytorch.getMessage().contains("-Ppytorch"), "says how to get the engine: " + pytorch.getMessage());
        IllegalArgumentException onnxFolder = assertThrows(IllegalArgumentException.class, () -> LocalModelFiles
                .resolve(new LocalModelSettings(dir.toString(), "PyTorch", "encoder", null, null, null, null, null),
                        u -> null));
        assertTrue(onnxFolder.getMessage().contains("set teacher.local.engine: OnnxRuntime"), onnxFolder.getMessage());
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    /** What a fetcher does: a copy of the source in a new temporary location under java.io.tmpdir. */
    static Path copyToTemp(Path source) {
        try {
            Path tmp = Files.createTempDirectory("fetch-");
            Path copy = tmp.resolve(source.getFileName());
            Files.createDirectories(copy);
            try (Stream<Path> files = Files.list(source)) {
                for (Path f : files.toList()) {
                    Files.copy(f, copy.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
