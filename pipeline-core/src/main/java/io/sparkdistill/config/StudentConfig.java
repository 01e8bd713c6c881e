package io.sparkdistill.config;

import java.io.Serializable;

/**
 * The student: a fastText-like network over hashed word n-grams.
 *
 * @param buckets   hash buckets for word n-grams (default 16384)
 * @param dimension width of the averaged n-gram embedding (default 64)
 * @param ngrams    longest word n-gram hashed (default 2: words and word pairs)
 * @param charNgrams longest character n-gram inside words, 3 or more, or 0 for none (default 5; fastText's
 *                   subword features: typos and word forms share most of their buckets)
 * @param generative the generative student of the text tasks (conversation, qa, summarisation, math)
 */
public record StudentConfig(Integer buckets, Integer dimension, Integer ngrams, Integer charNgrams,
                            GenerativeStudentConfig generative)
        implements Serializable {

    public StudentConfig {
        buckets = buckets == null ? 16384 : buckets;
        dimension = dimension == null ? 64 : dimension;
        ngrams = ngrams == null ? 2 : ngrams;
        charNgrams = charNgrams == null ? 5 : charNgrams;
        generative = generative == null ? GenerativeStudentConfig.defaults() : generative;
    }

    public static StudentConfig defaults() {
        return new StudentConfig(null, null, null, null, null);
    }
}
