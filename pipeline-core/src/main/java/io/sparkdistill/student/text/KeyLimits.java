package io.sparkdistill.student.text;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How many of its counted keys a family's {@link TextStudentFamily#prepare} reads, so that the train stage can cut
 * the counts on the executors and bring only those keys to the driver instead of the whole table (every distinct
 * word of the training set). Keys fall into groups by prefix, the first listed prefix a key starts with; a group
 * keeps its {@code mostFrequent} keys by {@link #ORDER}, and keys of no group are all kept.
 */
public final class KeyLimits implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Most frequent first, then by key: the order the families' own cuts use, so the cut changes nothing. */
    public static final Comparator<Map.Entry<String, Long>> ORDER = Comparator
            .<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue).reversed()
            .thenComparing(Map.Entry::getKey);

    /** No limit: every key is read. */
    public static final KeyLimits NONE = new KeyLimits(List.of(), List.of());

    private final List<String> prefixes;
    private final List<Integer> limits;

    private KeyLimits(List<String> prefixes, List<Integer> limits) {
        this.prefixes = List.copyOf(prefixes);
        this.limits = List.copyOf(limits);
    }

    /** Keys starting with {@code prefix} ({@code ""}: any key), at most {@code mostFrequent} of them. */
    public static KeyLimits of(String prefix, int mostFrequent) {
        return NONE.then(prefix, mostFrequent);
    }

    /** These limits and one more group, for keys that match none of the earlier prefixes. */
    public KeyLimits then(String prefix, int mostFrequent) {
        if (mostFrequent < 0) {
            throw new IllegalArgumentException("a group keeps at least 0 keys, got " + mostFrequent);
        }
        List<String> p = new ArrayList<>(prefixes);
        List<Integer> l = new ArrayList<>(limits);
        p.add(prefix);
        l.add(mostFrequent);
        return new KeyLimits(p, l);
    }

    /** The number of groups. */
    public int groups() {
        return prefixes.size();
    }

    /** The group of a key, or -1 when no prefix matches (the key is kept whatever its count). */
    public int group(String key) {
        for (int g = 0; g < prefixes.size(); g++) {
            if (key.startsWith(prefixes.get(g))) {
                return g;
            }
        }
        return -1;
    }

    /** How many keys of the group are kept. */
    public int mostFrequent(int group) {
        return limits.get(group);
    }

    /** The cut applied to counts already gathered: what the train stage's cut on the executors gives. */
    public Map<String, Long> cut(Map<String, Long> counts) {
        Map<String, Long> kept = new LinkedHashMap<>();
        List<List<Map.Entry<String, Long>>> byGroup = new ArrayList<>();
        prefixes.forEach(p -> byGroup.add(new ArrayList<>()));
        counts.entrySet().forEach(e -> {
            int g = group(e.getKey());
            if (g < 0) {
                kept.put(e.getKey(), e.getValue());
            } else {
                byGroup.get(g).add(e);
            }
        });
        for (int g = 0; g < byGroup.size(); g++) {
            byGroup.get(g).stream().sorted(ORDER).limit(limits.get(g)).forEach(e -> kept.put(e.getKey(), e.getValue()));
        }
        return kept;
    }
}
