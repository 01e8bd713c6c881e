package io.sparkdistill.student.qa;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the extractive student reads of one example, as numbers: for each context token its reduced teacher vector
 * and cues of whether and how much it echoes the question, and of its shape; and for the question one summary.
 *
 * <p>The cues are those that locate answers in any text, not in one data set: a rare question word next to a token
 * says the answer is near (DrQA's exact-match and aligned-embedding features); the sentence sharing most of the
 * question's rare words is where a reader looks; numbers, capitals and commas mark where spans of dates, amounts
 * and names begin and end; the question's wh-word and the word after it ("how many", "what year") say which kind
 * of span is wanted.
 */
public final class ReadingFeatures {

    /** Question words by which a question says what kind of answer it wants; the last column is "none of them". */
    static final List<String> WH_WORDS = List.of("what", "which", "who", "whom", "whose", "when", "where", "why",
            "how");
    /** Context cues after the vector (see {@link #contextCues}). */
    static final int CONTEXT_CUES = 17;

    private final int length;
    private final float[] context;
    private final float[] question;

    private ReadingFeatures(int length, float[] context, float[] question) {
        this.length = length;
        this.context = context;
        this.question = question;
    }

    /** Features already computed: {@code context} channel-major over {@code length} tokens. */
    static ReadingFeatures ofArrays(int length, float[] context, float[] question) {
        return new ReadingFeatures(length, context, question);
    }

    /** Channels per context token for vectors of {@code width}. */
    public static int contextChannels(int width) {
        return width + CONTEXT_CUES;
    }

    /** Channels of the question summary for vectors of {@code width}. */
    public static int questionChannels(int width) {
        return 3 * width + WH_WORDS.size() + 1;
    }

    /** The features of a context (its first {@code contextTokens} tokens) and a question. */
    public static ReadingFeatures of(ReadingVocabulary vocabulary, int width, int contextTokens,
                                     TextTokens contextText, TextTokens questionText) {
        int length = Math.min(contextTokens, contextText.size());
        QuestionWords question = QuestionWords.of(vocabulary, questionText);
        float[] context = new float[contextChannels(width) * length];
        float[] sentenceShare = sentenceShares(vocabulary, contextText, question);
        float bestShare = 0;
        for (float share : sentenceShare) {
            bestShare = Math.max(bestShare, share);
        }
        for (int t = 0; t < length; t++) {
            TextTokens.Token token = contextText.get(t);
            float[] vector = vocabulary.vector(token.lower());
            if (vector != null) {
                for (int d = 0; d < width; d++) {
                    context[d * length + t] = vector[d];
                }
            }
            float share = sentenceShare[token.sentence()];
            float[] cues = contextCues(vocabulary, contextText, t, vector, question, share,
                    bestShare > 0 && share == bestShare);
            for (int c = 0; c < CONTEXT_CUES; c++) {
                context[(width + c) * length + t] = cues[c];
            }
        }
        return new ReadingFeatures(length, context, questionSummary(vocabulary, width, questionText, question));
    }

    /** The cues of token {@code t}, given the share of the question its sentence holds and if no other holds more. */
    private static float[] contextCues(ReadingVocabulary vocabulary, TextTokens text, int t, float[] vector,
                                       QuestionWords question, float sentenceShare, boolean bestSentence) {
        TextTokens.Token token = text.get(t);
        String word = token.lower();
        String original = text.span(t, t);
        boolean exact = question.words().contains(word);
        float[] cues = new float[CONTEXT_CUES];
        cues[0] = vector != null ? 1 : 0;
        cues[1] = exact ? 1 : 0;
        cues[2] = exact ? vocabulary.rarity(word) : 0;
        cues[3] = !exact && word.length() >= QuestionWords.PREFIX
                && question.prefixes().contains(word.substring(0, QuestionWords.PREFIX)) ? 1 : 0;
        cues[4] = question.closestCosine(vector);
        cues[5] = vocabulary.rarity(word);
        cues[6] = word.chars().allMatch(c -> Character.isDigit(c) || c == '.' || c == ',') ? 1 : 0;
        cues[7] = word.chars().anyMatch(Character::isDigit) ? 1 : 0;
        cues[8] = Character.isUpperCase(original.charAt(0)) ? 1 : 0;
        cues[9] = original.length() > 1 && original.chars().noneMatch(Character::isLowerCase)
                && original.chars().anyMatch(Character::isLetter) ? 1 : 0;
        cues[10] = t == 0 || text.get(t - 1).sentence() != token.sentence() ? 1 : 0;
        cues[11] = t + 1 == text.size() || text.get(t + 1).sentence() != token.sentence() ? 1 : 0;
        cues[12] = ",;:(\"".indexOf(token.before()) >= 0 ? 1 : 0;
        cues[13] = ",;:)\"".indexOf(token.after()) >= 0 ? 1 : 0;
        cues[14] = Character.getType(token.before()) == Character.CURRENCY_SYMBOL || token.after() == '%' ? 1 : 0;
        cues[15] = sentenceShare;
        cues[16] = bestSentence ? 1 : 0;
        return cues;
    }

    /** For each sentence, the share of the question's rarity-weighted words that occur in it. */
    private static float[] sentenceShares(ReadingVocabulary vocabulary, TextTokens context, QuestionWords question) {
        int sentences = context.size() == 0 ? 0 : context.get(context.size() - 1).sentence() + 1;
        float[] share = new float[sentences];
        float total = question.totalRarity();
        if (total == 0) {
            return share;
        }
        Map<Integer, Set<String>> seen = new HashMap<>();
        for (TextTokens.Token token : context.tokens()) {
            if (question.words().contains(token.lower())
                    && seen.computeIfAbsent(token.sentence(), s -> new HashSet<>()).add(token.lower())) {
                share[token.sentence()] += vocabulary.rarity(token.lower()) / total;
            }
        }
        return share;
    }

    /** The question's rarity-weighted mean vector, its wh-word's vector, the next word's, and its wh-word. */
    private static float[] questionSummary(ReadingVocabulary vocabulary, int width, TextTokens text,
                                           QuestionWords question) {
        float[] summary = new float[questionChannels(width)];
        System.arraycopy(question.meanVector(width), 0, summary, 0, width);
        List<String> words = text.words();
        int wh = -1;
        for (int i = 0; i < words.size() && wh < 0; i++) {
            if (WH_WORDS.contains(words.get(i))) {
                wh = i;
            }
        }
        int cue = Math.max(0, wh);
        for (int k = 0; k < 2 && cue + k < words.size(); k++) {
            float[] vector = vocabulary.vector(words.get(cue + k));
            if (vector != null) {
                System.arraycopy(vector, 0, summary, (1 + k) * width, width);
            }
        }
        summary[3 * width + (wh < 0 ? WH_WORDS.size() : WH_WORDS.indexOf(words.get(wh)))] = 1;
        return summary;
    }

    /** Context tokens read. */
    public int length() {
        return length;
    }

    /** The context's features, channel-major: channel {@code c} of token {@code t} at {@code c * length() + t}. */
    public float[] context() {
        return context;
    }

    /** The question summary. */
    public float[] question() {
        return question;
    }
}
