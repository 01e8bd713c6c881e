package io.sparkdistill.student.summary;

/**
 * Words as ROUGE counts them (runs of ASCII letters and digits, case aside), counted in the raw text without
 * building the token list: every answer counts its sentences against the word limit, and is cut at its word budget, this way.
 */
final class RougeWords {
    private RougeWords() {
    }

    /** How many ROUGE words {@code text} has. */
    static int count(String text) {
        int count = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean wordChar = isWordChar(text.charAt(i));
            if (wordChar && !inWord) {
                count++;
            }
            inWord = wordChar;
        }
        return count;
    }

    /** {@code text} up to the end of its {@code words}-th ROUGE word; the whole text if it has no more words. */
    static String prefix(String text, int words) {
        int count = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean wordChar = isWordChar(text.charAt(i));
            if (!wordChar && inWord && count == words) {
                return text.substring(0, i);
            }
            if (wordChar && !inWord) {
                count++;
            }
            inWord = wordChar;
        }
        return text;
    }

    private static boolean isWordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }
}
