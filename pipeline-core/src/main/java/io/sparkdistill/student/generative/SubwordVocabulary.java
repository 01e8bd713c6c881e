package io.sparkdistill.student.generative;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A byte-pair-encoding vocabulary learnt from the student's own training texts (Sennrich et al. 2016): it starts from
 * the characters seen and merges the most frequent adjacent pair until it holds the wanted number of tokens, so
 * frequent words become one token and rare ones split into pieces: no text is ever out of vocabulary except for
 * characters never seen in training ({@link #UNK}).
 *
 * <p>Texts are first cut into pre-tokens ({@link #preTokens}): runs of letters, single digits (numbers are spelt
 * digit by digit so that the student can write numbers it never saw), single other symbols, and line breaks. A
 * pre-token that followed a space carries the mark {@value #SPACE}, so decoding restores the spaces; runs of spaces
 * and tabs become one space.
 *
 * <p>Learning needs only pre-token counts ({@link #learn(Map, int)}), which a Spark job can sum on the executors;
 * encoding caches each pre-token's pieces, so an instance is safe to share between threads.
 */
public final class SubwordVocabulary implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String PAD = "<pad>";
    public static final String UNK = "<unk>";
    /** Ends the prompt: the student's answer starts after it. */
    public static final String SEP = "<sep>";
    /** Ends the answer. */
    public static final String EOS = "<eos>";
    public static final int PAD_ID = 0;
    public static final int UNK_ID = 1;
    public static final int SEP_ID = 2;
    public static final int EOS_ID = 3;
    static final String SPACE = "\u2581";
    static final String NEWLINE = "\u21b5";
    /** The fewest tokens a vocabulary may hold: the specials and room for an alphabet. */
    public static final int MIN_SIZE = 32;

    private static final Pattern PRE_TOKEN = Pattern.compile("(\\n)|([ \\t]*)(\\p{L}+|\\p{N}|[^\\s\\p{L}\\p{N}])");

    private final List<String> tokens;
    private final List<List<String>> merges;
    private transient Map<String, Integer> ids;
    private transient Map<String, Integer> mergeRanks;
    private transient Map<String, int[]> pieces;

    @JsonCreator
    public SubwordVocabulary(@JsonProperty("tokens") List<String> tokens,
                             @JsonProperty("merges") List<List<String>> merges) {
        Objects.requireNonNull(tokens, "tokens");
        if (tokens.size() < 4 || !tokens.subList(0, 4).equals(List.of(PAD, UNK, SEP, EOS))) {
            throw new IllegalArgumentException("a vocabulary starts with " + List.of(PAD, UNK, SEP, EOS));
        }
        this.tokens = List.copyOf(tokens);
        this.merges = merges == null ? List.of() : merges.stream().map(List::copyOf).toList();
    }

    /** The pre-tokens of a text, in order, with {@value #SPACE} marking those that followed a space. */
    public static List<String> preTokens(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = PRE_TOKEN.matcher(text);
        while (m.find()) {
            if (m.group(1) != null) {
                out.add(NEWLINE);
            } else {
                out.add(m.group(2).isEmpty() ? m.group(3) : SPACE + m.group(3));
            }
        }
        return out;
    }

    /**
     * Learns a vocabulary of at most {@code size} tokens from pre-token counts: the four specials, every character
     * seen, then merges in order of pair frequency (ties broken by the pair's text, so the result depends on the
     * counts only). Stops early when no pair occurs twice.
     */
    public static SubwordVocabulary learn(Map<String, Long> preTokenCounts, int size) {
        if (size < MIN_SIZE) {
            throw new IllegalArgumentException("a vocabulary needs at least " + MIN_SIZE + " tokens, got " + size);
        }
        List<String> tokens = new ArrayList<>(List.of(PAD, UNK, SEP, EOS));
        // Sorted so that the alphabet, and so every id, does not depend on the map's order.
        TreeMap<String, Long> counts = new TreeMap<>(preTokenCounts);
        List<List<String>> words = new ArrayList<>(counts.size());
        List<Long> frequencies = new ArrayList<>(counts.size());
        TreeMap<String, Boolean> alphabet = new TreeMap<>();
        counts.forEach((word, n) -> {
            List<String> symbols = new ArrayList<>();
            word.codePoints().forEach(c -> symbols.add(new String(Character.toChars(c))));
            symbols.forEach(s -> alphabet.put(s, true));
            words.add(symbols);
            frequencies.add(n);
        });
        tokens.addAll(alphabet.keySet());
        if (tokens.size() > size) {
            throw new IllegalArgumentException("the training texts use " + alphabet.size()
                    + " distinct characters, more than a vocabulary of " + size + " tokens can hold; raise "
                    + "student.generative.vocab_size");
        }
        List<List<String>> merges = new ArrayList<>();
        while (tokens.size() < size) {
            Map<String, Long> pairs = new HashMap<>();
            for (int w = 0; w < words.size(); w++) {
                List<String> symbols = words.get(w);
                for (int i = 0; i + 1 < symbols.size(); i++) {
                    pairs.merge(symbols.get(i) + '\u0000' + symbols.get(i + 1), frequencies.get(w), Long::sum);
                }
            }
            String best = null;
            long bestCount = 1;
            for (Map.Entry<String, Long> pair : pairs.entrySet()) {
                long n = pair.getValue();
                if (n > bestCount || (n == bestCount && best != null && pair.getKey().compareTo(best) < 0)) {
                    best = pair.getKey();
                    bestCount = n;
                }
            }
            if (best == null) {
                break;
            }
            String left = best.substring(0, best.indexOf('\u0000'));
            String right = best.substring(best.indexOf('\u0000') + 1);
            merges.add(List.of(left, right));
            tokens.add(left + right);
            for (List<String> symbols : words) {
                mergeAll(symbols, left, right);
            }
        }
        return new SubwordVocabulary(tokens, merges);
    }

    private static void mergeAll(List<String> symbols, String left, String right) {
        for (int i = 0; i + 1 < symbols.size(); i++) {
            if (symbols.get(i).equals(left) && symbols.get(i + 1).equals(right)) {
                symbols.set(i, left + right);
                symbols.remove(i + 1);
            }
        }
    }

    /** The token ids of a text, without specials. */
    public int[] encode(String text) {
        List<int[]> parts = new ArrayList<>();
        int length = 0;
        for (String preToken : preTokens(text)) {
            int[] ids = pieces().computeIfAbsent(preToken, this::encodePreToken);
            parts.add(ids);
            length += ids.length;
        }
        int[] out = new int[length];
        int at = 0;
        for (int[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    private int[] encodePreToken(String preToken) {
        List<String> symbols = new ArrayList<>();
        preToken.codePoints().forEach(c -> symbols.add(new String(Character.toChars(c))));
        Map<String, Integer> ranks = mergeRanks();
        while (symbols.size() > 1) {
            int bestRank = Integer.MAX_VALUE;
            int bestAt = -1;
            for (int i = 0; i + 1 < symbols.size(); i++) {
                Integer rank = ranks.get(symbols.get(i) + '\u0000' + symbols.get(i + 1));
                if (rank != null && rank < bestRank) {
                    bestRank = rank;
                    bestAt = i;
                }
            }
            if (bestAt < 0) {
                break;
            }
            List<String> merge = merges.get(bestRank);
            mergeAll(symbols, merge.get(0), merge.get(1));
        }
        Map<String, Integer> index = ids();
        int[] out = new int[symbols.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = index.getOrDefault(symbols.get(i), UNK_ID);
        }
        return out;
    }

    /** The text of token ids: specials are left out, space marks become spaces, a leading space is dropped. */
    public String decode(int[] ids) {
        StringBuilder text = new StringBuilder();
        for (int id : ids) {
            if (id > EOS_ID && id < tokens.size()) {
                text.append(tokens.get(id));
            }
        }
        String decoded = text.toString().replace(SPACE, " ").replace(NEWLINE, "\n");
        return decoded.startsWith(" ") ? decoded.substring(1) : decoded;
    }

    @JsonProperty("tokens")
    public List<String> tokens() {
        return tokens;
    }

    @JsonProperty("merges")
    public List<List<String>> merges() {
        return merges;
    }

    public int size() {
        return tokens.size();
    }

    private Map<String, Integer> ids() {
        if (ids == null) {
            Map<String, Integer> index = new LinkedHashMap<>();
            for (int i = 0; i < tokens.size(); i++) {
                index.putIfAbsent(tokens.get(i), i);
            }
            ids = Collections.unmodifiableMap(index);
        }
        return ids;
    }

    private Map<String, Integer> mergeRanks() {
        if (mergeRanks == null) {
            Map<String, Integer> ranks = new HashMap<>();
            for (int i = 0; i < merges.size(); i++) {
                ranks.putIfAbsent(merges.get(i).get(0) + '\u0000' + merges.get(i).get(1), i);
            }
            mergeRanks = Collections.unmodifiableMap(ranks);
        }
        return mergeRanks;
    }

    private Map<String, int[]> pieces() {
        if (pieces == null) {
            pieces = new ConcurrentHashMap<>();
        }
        return pieces;
    }
}
