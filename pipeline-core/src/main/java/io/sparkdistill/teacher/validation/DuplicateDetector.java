package io.sparkdistill.teacher.validation;


import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Rejects accepted outputs whose text was already accepted for another example (a teacher repeating one
 * boilerplate reply), keyed by the normalised output text: Unicode NFKC, lower case, runs of whitespace made one
 * space, stripped. Only a 128-bit hash of each key is kept, so memory is about 100 bytes per distinct output.
 *
 * <p><b>Scope</b>: exactly the outputs this instance has seen. Use one instance per Spark partition for a
 * partition-local check, or run it where all outputs of a run meet (after a shuffle by {@link #key}, or on the
 * driver) for a run-wide one; duplicates across partitions are not seen by per-partition instances. The first
 * output seen wins, so the result depends on the order of examples; for a resumed run, {@link #remember} the
 * outputs already written so that they keep winning. Not thread-safe.
 *
 * <p><b>Same prompt</b>: two examples rendered into the same prompt (the same question in two splits) get the same
 * answer by design, so an output is a duplicate only when it repeats the answer to a <em>different</em> prompt.
 *
 * <p><b>What is checked</b>: nothing for classification and nli (their outputs are labels and repeat by design);
 * for the other tasks the answer and rationale together, and only when they have at least {@code minWords}
 * words, since short answers ("1889", "Paris", "72") legitimately repeat across different questions.
 */
public final class DuplicateDetector {
    /** The default {@code minWords}: outputs shorter than this are never duplicates. */
    public static final int DEFAULT_MIN_WORDS = 8;

    private final boolean answersRepeatByDesign;
    private final int minWords;
    private final Map<Key, First> firstSeen = new HashMap<>();

    /** @param answersRepeatByDesign true when answers are labels of a set, which repeat by design: nothing is checked */
    public DuplicateDetector(boolean answersRepeatByDesign) {
        this(answersRepeatByDesign, DEFAULT_MIN_WORDS);
    }

    public DuplicateDetector(boolean answersRepeatByDesign, int minWords) {
        this.answersRepeatByDesign = answersRepeatByDesign;
        if (minWords < 1) {
            throw new IllegalArgumentException("minWords must be at least 1 but was " + minWords);
        }
        this.minWords = minWords;
    }

    /**
     * The verdict unchanged, or {@code Rejected(DUPLICATE)} naming the first example when an accepted output
     * repeats the answer to another prompt seen before.
     *
     * @param promptKey identifies the prompt the example was rendered into
     */
    public Verdict screen(String exampleId, String promptKey, Verdict verdict) {
        Objects.requireNonNull(exampleId, "exampleId");
        Objects.requireNonNull(promptKey, "promptKey");
        if (!(verdict instanceof Accepted accepted)) {
            return verdict;
        }
        Optional<String> key = key(accepted);
        if (key.isEmpty()) {
            return verdict;
        }
        First first = firstSeen.putIfAbsent(hash(key.get()), new First(exampleId, promptKey));
        if (first == null || first.promptKey().equals(promptKey)) {
            return verdict;
        }
        return new Rejected(RejectionReason.DUPLICATE, "same output as example " + first.exampleId() + ": "
                + Texts.abbreviate(text(accepted)));
    }

    /** Records an output already accepted (for example by an earlier run) so that repeats of it are rejected. */
    public void remember(String exampleId, String promptKey, Accepted accepted) {
        key(accepted).ifPresent(k -> firstSeen.putIfAbsent(hash(k), new First(exampleId, promptKey)));
    }

    /**
     * The normalised text this detector compares an output by; empty when the output is never a duplicate (a
     * label, or shorter than {@code minWords}). Outputs with equal keys are duplicates of each other.
     */
    public Optional<String> key(Accepted accepted) {
        if (answersRepeatByDesign) {
            return Optional.empty();
        }
        String text = text(accepted);
        return Texts.words(text) < minWords ? Optional.empty() : Optional.of(normalise(text));
    }

    /** The number of distinct outputs remembered. */
    public int size() {
        return firstSeen.size();
    }

    private static String normalise(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .replaceAll("\\s+", " ").strip();
    }

    private static String text(Accepted accepted) {
        return accepted.rationale() == null ? accepted.answer() : accepted.rationale() + "\n" + accepted.answer();
    }

    private static Key hash(String key) {
        try {
            ByteBuffer digest = ByteBuffer.wrap(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
            return new Key(digest.getLong(), digest.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private record Key(long high, long low) {
    }

    private record First(String exampleId, String promptKey) {
    }
}
