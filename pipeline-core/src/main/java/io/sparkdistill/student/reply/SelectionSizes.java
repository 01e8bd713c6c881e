package io.sparkdistill.student.reply;

import io.sparkdistill.student.text.FamilySettings;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The selection student's sizes. From the job's student section: {@code buckets} (at most 2,048: every training
 * pair carries its conversation's row again, so the row's width is training time), {@code ngrams} and
 * {@code charNgrams} (the hashed n-grams each encoder reads beside the teacher's word vectors), {@code dimension}
 * (the width of the encodings whose weighted dot product scores a pair) and {@code vocabulary} (words whose teacher
 * vectors are kept). No config field fits the rest, so the family's own defaults hold: a hidden layer twice the
 * encoding width, 7 sampled negative candidates per positive, and at most 2,000 candidate templates (the most
 * frequent: Smart Reply's point is that a few hundred replies cover most conversations of a domain).
 */
public record SelectionSizes(int buckets, int ngrams, int charNgrams, int width, int hidden, int vocabulary,
                             int negatives, int maxCandidates) implements Serializable {
    public static final int NEGATIVES = 15;
    public static final int MAX_CANDIDATES = 2000;
    public static final int MAX_BUCKETS = 2048;

    public SelectionSizes {
        if (buckets < 1 || width < 1 || hidden < 1 || negatives < 1 || maxCandidates < 1) {
            throw new IllegalArgumentException("selection sizes must be positive: " + asMap());
        }
    }

    public static SelectionSizes of(FamilySettings settings) {
        var s = settings.student();
        return new SelectionSizes(Math.min(s.buckets(), MAX_BUCKETS), s.ngrams(), s.charNgrams(), s.dimension(),
                2 * s.dimension(), s.vocabulary(), NEGATIVES, MAX_CANDIDATES);
    }

    /** The sizes under the names {@link #fromMap} reads back, for the student's card. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("buckets", buckets);
        map.put("ngrams", ngrams);
        map.put("char_ngrams", charNgrams);
        map.put("dimension", width);
        map.put("hidden", hidden);
        map.put("vocabulary", vocabulary);
        map.put("negatives", negatives);
        map.put("max_candidates", maxCandidates);
        return map;
    }

    public static SelectionSizes fromMap(Map<String, Object> map) {
        return new SelectionSizes(number(map, "buckets"), number(map, "ngrams"), number(map, "char_ngrams"),
                number(map, "dimension"), number(map, "hidden"), number(map, "vocabulary"), number(map, "negatives"),
                number(map, "max_candidates"));
    }

    private static int number(Map<String, Object> map, String key) {
        Object value = map.get(key);
        if (!(value instanceof Number n)) {
            throw new IllegalArgumentException("the student's settings lack '" + key + "': " + map);
        }
        return n.intValue();
    }
}
