package io.sparkdistill.student.reply;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the values of a text that have a recognisable form: e-mail addresses, amounts with a currency, times,
 * dates, codes (order and reference ids, discount codes, model numbers) and plain numbers.
 *
 * <p>The forms are the general ones of customer-service text, not of any one data set: a currency symbol or ISO
 * code next to a number; a clock time; a day with a month name, a numeric or ISO date, a weekday, "the 27th"; a
 * token mixing letters and digits, a {@code #}-number, hyphen-joined groups of three or more digits, an all-capitals
 * word (a carrier, a code). Earlier kinds win where two overlap, so "€35" is an amount, not a number.
 */
public final class TypedValues {

    /** One value: where it stands in its text and what kind it is. */
    public record Found(int start, int end, ValueType type, String text) {
    }

    private static final String MONTHS = "january|february|march|april|may|june|july|august|september|october"
            + "|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec";
    private static final String WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";
    private static final String ORDINAL = "(?:st|nd|rd|th)?";

    private static final List<Kind> KINDS = List.of(
            new Kind(ValueType.EMAIL, "[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+"),
            new Kind(ValueType.AMOUNT, "(?:[$€£¥₹]|\\b(?:USD|EUR|GBP|CHF)\\s?)\\d[\\d,]*(?:\\.\\d+)?"
                    + "|\\b\\d[\\d,]*(?:\\.\\d+)?\\s?(?:€|\\b(?:USD|EUR|GBP|CHF)\\b)"),
            new Kind(ValueType.TIME, "\\b\\d{1,2}:\\d{2}(?:\\s?[ap]\\.?m\\.?)?|\\b\\d{1,2}\\s?[ap]m\\b"),
            new Kind(ValueType.DATE, "(?i)\\b\\d{4}-\\d{2}-\\d{2}\\b|\\b\\d{1,2}/\\d{1,2}(?:/\\d{2,4})?\\b"
                    + "|\\b\\d{1,2}" + ORDINAL + "\\s+(?:" + MONTHS + ")\\b"
                    + "|\\b(?:" + MONTHS + ")\\s+\\d{1,2}" + ORDINAL + "\\b"
                    + "|\\bthe\\s+\\d{1,2}(?:st|nd|rd|th)\\b|\\b(?:" + WEEKDAYS + ")\\b"),
            new Kind(ValueType.CODE, "#\\w+(?:-\\w+)*"
                    + "|\\b(?=[\\w-]*\\d)(?=[\\w-]*[A-Za-z])[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*\\b"
                    + "|\\b\\d{3,}(?:-\\d{3,})+\\b|\\b[A-Z]{2,}\\b"),
            new Kind(ValueType.NUMBER, "\\b\\d+(?:[.,]\\d+)*(?:-\\d+)?\\b"));

    /** One kind of value and the form that recognises it. */
    private record Kind(ValueType type, Pattern pattern) {
        Kind(ValueType type, String regex) {
            this(type, Pattern.compile(regex));
        }
    }

    private TypedValues() {
    }

    /** The typed values of {@code text}, in reading order, none overlapping another. */
    public static List<Found> find(String text) {
        List<Found> found = new ArrayList<>();
        for (Kind kind : KINDS) {
            Matcher m = kind.pattern().matcher(text);
            while (m.find()) {
                int end = m.end();
                // a sentence's full stop or comma right after an amount or a number is not part of it
                while (end > m.start() + 1 && (text.charAt(end - 1) == '.' || text.charAt(end - 1) == ',')) {
                    end--;
                }
                if (!overlaps(found, m.start(), end)) {
                    found.add(new Found(m.start(), end, kind.type(), text.substring(m.start(), end)));
                }
            }
        }
        found.sort(Comparator.comparingInt(Found::start));
        return found;
    }

    private static boolean overlaps(List<Found> found, int start, int end) {
        for (Found f : found) {
            if (start < f.end() && f.start() < end) {
                return true;
            }
        }
        return false;
    }
}
