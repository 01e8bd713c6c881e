package io.sparkdistill.student.reply;

import io.sparkdistill.teacher.TokenEmbeddingTable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the candidate set from the summed {@link TemplateKeys}: a slot whose value was the same in every one of
 * its template's replies (two at least) becomes text again, templates that then read alike are merged, and the
 * most frequent are kept. Each slot's rules are ordered by how many replies they explained, then by how specific
 * they are.
 */
final class CandidateSetBuilder {
    /** Rules kept per slot: past the first few, a rule only fits the odd conversation. */
    private static final int MAX_RULES = 8;
    private static final Pattern PLACEHOLDER;

    static {
        StringBuilder types = new StringBuilder();
        for (ValueType type : ValueType.values()) {
            types.append(types.length() == 0 ? "" : "|").append(Pattern.quote(type.placeholder()));
        }
        PLACEHOLDER = Pattern.compile(types.toString());
    }

    /** Everything counted for one skeleton (observed, or merged). */
    private static final class Counted {
        long count;
        final List<ValueType> types = new ArrayList<>();
        final List<Map<String, Long>> values = new ArrayList<>();
        final List<Map<String, Long>> rules = new ArrayList<>();

        Counted(List<ValueType> types) {
            this.types.addAll(types);
            for (int i = 0; i < types.size(); i++) {
                values.add(new HashMap<>());
                rules.add(new HashMap<>());
            }
        }
    }

    private CandidateSetBuilder() {
    }

    static CandidateSet build(Map<String, Long> counts, SelectionSizes sizes, TokenEmbeddingTable teacher) {
        Map<String, Counted> observed = new HashMap<>();
        Map<String, Long> words = new HashMap<>();
        for (Map.Entry<String, Long> entry : counts.entrySet()) {
            String[] f = TemplateKeys.split(entry.getKey());
            switch (f[0]) {
                case TemplateKeys.TEMPLATE -> counted(observed, f[1]).count += entry.getValue();
                case TemplateKeys.VALUE -> counted(observed, f[1]).values.get(Integer.parseInt(f[2]))
                        .merge(f[3], entry.getValue(), Long::sum);
                case TemplateKeys.LOCATOR -> counted(observed, f[1]).rules.get(Integer.parseInt(f[2]))
                        .merge(f[3], entry.getValue(), Long::sum);
                case TemplateKeys.WORD -> words.merge(f[1], entry.getValue(), Long::sum);
                default -> throw new IllegalArgumentException("not a selection family key: " + entry.getKey());
            }
        }
        Map<String, Counted> merged = new HashMap<>();
        Map<String, String> mergedOf = new HashMap<>();
        for (Map.Entry<String, Counted> entry : observed.entrySet()) {
            mergedOf.put(entry.getKey(), mergeInto(merged, entry.getKey(), entry.getValue()));
        }
        List<String> kept = new ArrayList<>(merged.keySet());
        kept.sort(Comparator.<String>comparingLong(s -> merged.get(s).count).reversed()
                .thenComparing(Comparator.naturalOrder()));
        kept = kept.subList(0, Math.min(kept.size(), sizes.maxCandidates()));
        List<ReplyTemplate> templates = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        for (String skeleton : kept) {
            index.put(skeleton, templates.size());
            templates.add(template(skeleton, merged.get(skeleton)));
        }
        Map<String, Integer> candidateOf = new HashMap<>();
        mergedOf.forEach((skeleton, into) -> {
            Integer i = index.get(into);
            if (i != null) {
                candidateOf.put(skeleton, i);
            }
        });
        return new CandidateSet(templates, candidateOf, vectors(words, sizes.vocabulary(), teacher), teacher.width(),
                sizes);
    }

    private static Counted counted(Map<String, Counted> observed, String skeleton) {
        return observed.computeIfAbsent(skeleton, s -> new Counted(types(s)));
    }

    static List<ValueType> types(String skeleton) {
        List<ValueType> types = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(skeleton);
        while (m.find()) {
            for (ValueType type : ValueType.values()) {
                if (type.placeholder().equals(m.group())) {
                    types.add(type);
                }
            }
        }
        return types;
    }

    /** Writes back the slots that never changed and adds the template to the one it then reads as. */
    private static String mergeInto(Map<String, Counted> merged, String skeleton, Counted template) {
        StringBuilder text = new StringBuilder();
        List<Integer> keptSlots = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(skeleton);
        int at = 0;
        for (int i = 0; m.find(); i++) {
            text.append(skeleton, at, m.start());
            Map<String, Long> values = template.values.get(i);
            if (template.count >= 2 && values.size() == 1) {
                text.append(values.keySet().iterator().next());
            } else {
                text.append(m.group());
                keptSlots.add(i);
            }
            at = m.end();
        }
        text.append(skeleton.substring(at));
        String into = text.toString();
        Counted target = merged.computeIfAbsent(into,
                s -> new Counted(keptSlots.stream().map(template.types::get).toList()));
        target.count += template.count;
        for (int k = 0; k < keptSlots.size(); k++) {
            Map<String, Long> values = target.values.get(k);
            Map<String, Long> rules = target.rules.get(k);
            template.values.get(keptSlots.get(k)).forEach((v, c) -> values.merge(v, c, Long::sum));
            template.rules.get(keptSlots.get(k)).forEach((r, c) -> rules.merge(r, c, Long::sum));
        }
        return into;
    }

    private static ReplyTemplate template(String skeleton, Counted counted) {
        List<ReplyTemplate.Slot> slots = new ArrayList<>();
        for (int i = 0; i < counted.types.size(); i++) {
            List<SlotLocator> rules = counted.rules.get(i).entrySet().stream()
                    .map(e -> Map.entry(new SlotLocator(e.getKey()), e.getValue()))
                    .sorted(Comparator.<Map.Entry<SlotLocator, Long>>comparingLong(Map.Entry::getValue).reversed()
                            .thenComparing(e -> -e.getKey().specificity())
                            .thenComparing(e -> e.getKey().rule()))
                    .limit(MAX_RULES).map(Map.Entry::getKey).toList();
            String fallback = counted.values.get(i).entrySet().stream()
                    .max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey(
                            Comparator.reverseOrder())))
                    .map(Map.Entry::getKey).orElse("");
            slots.add(new ReplyTemplate.Slot(counted.types.get(i), rules, fallback));
        }
        return ReplyTemplate.of(skeleton, slots, counted.count);
    }

    private static Map<String, float[]> vectors(Map<String, Long> words, int limit, TokenEmbeddingTable teacher) {
        List<Map.Entry<String, Long>> ranked = new ArrayList<>(words.entrySet());
        ranked.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        Map<String, float[]> vectors = new LinkedHashMap<>();
        for (Map.Entry<String, Long> entry : ranked) {
            if (vectors.size() >= limit) {
                break;
            }
            float[] vector = teacher.wordVector(entry.getKey());
            if (vector != null) {
                vectors.put(entry.getKey(), vector);
            }
        }
        return vectors;
    }
}
