package io.sparkdistill.config;

/**
 * One problem with a job's config: the key, what was found there, and what is expected.
 *
 * @param key      the key's path, such as {@code student.architecture}
 * @param found    the value found (null: nothing)
 * @param expected what would be right, in words
 */
public record ConfigProblem(String key, Object found, String expected) {

    /** As the loader lists it: {@code key: expected ..., found '...'}. */
    @Override
    public String toString() {
        return key + ": expected " + expected + ", found " + (found == null ? "nothing" : "'" + found + "'");
    }
}
