package io.sparkdistill.jobs.cli;

/**
 * Runs {@link DistillMain#main} in a child JVM and prints a line if it returns: the line is missing exactly when
 * main ended the JVM through {@code System.exit}.
 */
public final class MainThenSayReturned {
    static final String RETURNED = "DistillMain.main returned";

    private MainThenSayReturned() {
    }

    public static void main(String[] args) {
        DistillMain.main(args);
        System.out.println(RETURNED);
    }
}
