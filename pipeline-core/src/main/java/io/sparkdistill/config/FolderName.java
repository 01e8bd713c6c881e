package io.sparkdistill.config;

import java.util.regex.Pattern;

/**
 * What a name that becomes one folder may be (the job's name, {@code output.run_name}, an ensemble teacher's name):
 * it cannot climb out of its parent ({@code ..}) or descend ({@code a/b}).
 */
final class FolderName {
    static final String EXPECTED = "a folder name made of letters, digits, '.', '_' or '-' (not '.' or '..')";
    private static final Pattern SEGMENT = Pattern.compile("(?!\\.+$)[A-Za-z0-9._-]+");

    private FolderName() {
    }

    static boolean valid(String name) {
        return name != null && SEGMENT.matcher(name).matches();
    }
}
