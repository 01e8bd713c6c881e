package io.sparkdistill.teacher.validation;

/** Small text helpers shared by the validators. */
final class Texts {
    private Texts() {
    }

    /** The text on one line, at most 80 characters, for rejection details. */
    static String abbreviate(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() <= 80 ? flat : flat.substring(0, 77) + "...";
    }

    /** Whitespace-separated words. */
    static int words(String text) {
        String s = text.strip();
        return s.isEmpty() ? 0 : s.split("\\s+").length;
    }
}
