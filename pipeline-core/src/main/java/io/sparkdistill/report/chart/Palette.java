package io.sparkdistill.report.chart;

/**
 * The report's colours: one per model, the same in every chart, chosen to stay apart for colour-blind readers
 * (Tableau 10's blue, orange and green; its grey for a text task's trivial baseline), and a purple ramp for the
 * confusion matrix.
 */
public final class Palette {
    public static final String TEACHER = "#4e79a7";
    public static final String BASELINE = "#f28e2b";
    public static final String DISTILLED = "#59a14f";
    /** The trivial baseline beside the models: Tableau 10's grey, a bar to clear rather than a model. */
    public static final String TRIVIAL = "#bab0ac";
    /** The darkest cell of a heatmap; lighter cells mix it with white. */
    public static final String HEAT = "#54278f";
    static final String AXIS = "#555555";
    static final String GRID = "#e3e3e3";
    static final String INK = "#222222";

    private Palette() {
    }

    /** {@link #HEAT} mixed with white: share 0 is white, 1 is {@link #HEAT}. */
    static String heat(double share) {
        double s = Math.max(0, Math.min(1, share));
        int r = (int) Math.round(255 + s * (0x54 - 255));
        int g = (int) Math.round(255 + s * (0x27 - 255));
        int b = (int) Math.round(255 + s * (0x8f - 255));
        return String.format(java.util.Locale.ROOT, "#%02x%02x%02x", r, g, b);
    }
}
