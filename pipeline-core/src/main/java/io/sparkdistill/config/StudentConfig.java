package io.sparkdistill.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.io.Serializable;
import java.util.List;

/**
 * The student's architecture and size.
 *
 * @param buckets        fastText: hash buckets for word and character n-grams (default 16384)
 * @param dimension      width of the word (or n-gram) embedding (default 64)
 * @param ngrams         fastText: longest word n-gram hashed (default 2: words and word pairs)
 * @param charNgrams     fastText: longest character n-gram inside words, 3 or more, or 0 for none (default 5;
 *                       fastText's subword features: typos and word forms share most of their buckets)
 * @param architecture   the student family; each task lists its own and picks its default when none is given. Label
 *                       tasks: {@code fasttext} (default: averaged n-gram embeddings, the fastest) or {@code cnn}
 *                       (word embeddings, one convolution over word windows, max over time: sees word order) or
 *                       {@code bilstm} (word embeddings, a bidirectional LSTM of {@code dimension} units each way,
 *                       each unit's maximum over the text). Text
 *                       tasks: see the task's strategy ({@code io.sparkdistill.task})
 * @param filters        cnn: convolution filters (default 128)
 * @param kernel         cnn: words per convolution window, odd (default 3)
 * @param maxTokens      cnn, bilstm: words read per example, the rest is cut (default 64)
 * @param vocabulary     cnn, bilstm: most frequent training words given their own embedding; rarer words share one
 *                       "unknown" row (default 20000)
 * @param initFromTeacher start the word embeddings from the bundled MiniLM teacher's own token embeddings (its
 *                       wordpiece table, reduced to {@code dimension} by PCA) instead of random values; the vectors
 *                       ship with the build, so this works whatever teacher answers (default false)
 * @param precision      how the saved student's weights are stored: {@code float32} (default) or {@code float16}
 *                       (half the file; training always runs in float32, and the student is evaluated as saved)
 * @param generative     the generative student of the text tasks (conversation, qa, summarisation, math)
 */
public record StudentConfig(Integer buckets, Integer dimension, Integer ngrams, Integer charNgrams,
                            StudentArchitecture architecture, Integer filters, Integer kernel, Integer maxTokens,
                            Integer vocabulary, Boolean initFromTeacher, Precision precision,
                            GenerativeStudentConfig generative)
        implements Serializable {

    /** The rows of the configuration reference for this section's keys. */
    public static final List<KeyDoc> KEYS = List.of(
            KeyDoc.of("buckets", "hashed word n-gram buckets"),
            KeyDoc.of("dimension", "embedding width"),
            KeyDoc.of("ngrams", "longest word n-gram"),
            KeyDoc.of("char_ngrams", "longest character n-gram inside words (3..8), 0 for none"),
            KeyDoc.of("generative.*", "", "text tasks: `vocab_size` (500 subwords), `embedding` (48), `hidden` (128 "
                    + "LSTM units), `layers` (1), `max_prompt_tokens` (128), `max_answer_tokens` (64), `decoding` "
                    + "(`beam` or `greedy`), `beam_width` (4)"),
            KeyDoc.of("architecture", "`fasttext`", "`fasttext`: averaged hashed n-gram embeddings; `cnn`: word "
                    + "embeddings, one convolution over word windows, max over the text (see Levers for a hard case); "
                    + "`bilstm`: word embeddings, a bidirectional LSTM of `dimension` units each way, each unit's "
                    + "maximum over the text (milliseconds per example, where the cnn takes tens of microseconds)"),
            new KeyDoc(List.of("filters", "kernel"), null, "cnn: convolution filters, words per window (odd)"),
            new KeyDoc(List.of("max_tokens", "vocabulary"), null, "cnn, bilstm: words read per example, most "
                    + "frequent training words with their own row (the rest share one)"),
            KeyDoc.of("init_from_teacher", "start the word embeddings from the MiniLM teacher's own wordpiece "
                    + "embeddings, reduced by PCA to `student.dimension` (at most 384)"),
            KeyDoc.of("precision", "label students (classification, nli): how `student.zip` stores the weights: "
                    + "`float32`, or `float16` for half the file (training runs in float32; evaluation loads the "
                    + "saved file, so its figures are those of the half-precision student)"));

    public StudentConfig {
        buckets = buckets == null ? 16384 : buckets;
        dimension = dimension == null ? 64 : dimension;
        ngrams = ngrams == null ? 2 : ngrams;
        charNgrams = charNgrams == null ? 5 : charNgrams;
        filters = filters == null ? 128 : filters;
        kernel = kernel == null ? 3 : kernel;
        maxTokens = maxTokens == null ? 64 : maxTokens;
        vocabulary = vocabulary == null ? 20000 : vocabulary;
        initFromTeacher = initFromTeacher != null && initFromTeacher;
        precision = precision == null ? Precision.FLOAT32 : precision;
    }

    /** Every key at its default; the architecture is left to the task (label tasks: fastText). */
    public static StudentConfig defaults() {
        return new StudentConfig(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The fastText-like student with these featuriser settings, everything else at its default. */
    public static StudentConfig fastText(Integer buckets, Integer dimension, Integer ngrams, Integer charNgrams) {
        return new StudentConfig(buckets, dimension, ngrams, charNgrams, StudentArchitecture.FASTTEXT, null, null, null,
                null, null, null, null);
    }

    /** A convolutional student over word ids, everything else at its default. */
    public static StudentConfig cnn(Integer dimension, Integer filters, Integer kernel, Integer maxTokens,
                                    Integer vocabulary) {
        return new StudentConfig(null, dimension, null, null, StudentArchitecture.CNN, filters, kernel, maxTokens,
                vocabulary, null, null, null);
    }

    /**
     * The generative student's settings, at their defaults when the section is not written; kept unset then, so that
     * a label task can refuse the section.
     */
    @Override
    public GenerativeStudentConfig generative() {
        return generative == null ? GenerativeStudentConfig.defaults() : generative;
    }

    /** Whether the config writes a {@code student.generative} section. */
    public boolean generativeWritten() {
        return generative != null;
    }

    @JsonIgnore
    public boolean isCnn() {
        return architecture == StudentArchitecture.CNN;
    }

    @JsonIgnore
    public boolean isBilstm() {
        return architecture == StudentArchitecture.BILSTM;
    }

    /** Whether the student reads word ids from a vocabulary (cnn, bilstm) rather than hashed n-grams. */
    @JsonIgnore
    public boolean readsWords() {
        return isCnn() || isBilstm();
    }

    /** This config with the teacher initialisation switched on or off. */
    public StudentConfig withInitFromTeacher(boolean init) {
        return new StudentConfig(buckets, dimension, ngrams, charNgrams, architecture, filters, kernel, maxTokens,
                vocabulary, init, precision, generative);
    }

    /** This config with another student family, every other key kept (the automatic recipe's candidates). */
    public StudentConfig withArchitecture(StudentArchitecture family) {
        return new StudentConfig(buckets, dimension, ngrams, charNgrams, family, filters, kernel, maxTokens,
                vocabulary, initFromTeacher, precision, generative);
    }

    /** Checks every key; {@code problems} is the view of this section. */
    public void validate(ConfigProblems problems) {
        // The fastText network is fed bucket ids as floats, exact up to 2^24.
        problems.require(buckets >= 16 && buckets <= 1 << 24, "buckets", buckets, "16 to 16777216");
        problems.require(dimension > 0, "dimension", dimension, "a positive number");
        problems.require(ngrams >= 1 && ngrams <= 4, "ngrams", ngrams, "1 to 4");
        problems.require(charNgrams == 0 || (charNgrams >= 3 && charNgrams <= 8), "char_ngrams", charNgrams,
                "0 (off) or 3 to 8");
        generative().validate(problems.at("generative"));
        problems.require(filters > 0, "filters", filters, "a positive number");
        problems.require(kernel >= 1 && kernel % 2 == 1, "kernel", kernel,
                "an odd number of words such as 3 (the window is centred on each word)");
        problems.require(maxTokens >= kernel, "max_tokens", maxTokens, "at least student.kernel (" + kernel + ")");
        problems.require(vocabulary >= 1, "vocabulary", vocabulary, "a positive number");
        problems.require(!initFromTeacher || dimension <= 384, "dimension", dimension,
                "at most 384 with student.init_from_teacher (the teacher's vectors are 384 wide)");
    }
}
