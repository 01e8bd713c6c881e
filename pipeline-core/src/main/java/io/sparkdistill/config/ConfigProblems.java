package io.sparkdistill.config;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every problem found in a job's config, each under its key's full path, so that one run of the loader reports them
 * all rather than the first. A record checks its own keys through the view {@link #at} gives it, which prefixes its
 * section's path ({@code student.}, {@code teachers[1].endpoint.}).
 */
public final class ConfigProblems {
    private final String prefix;
    private final List<ConfigProblem> problems;

    public ConfigProblems() {
        this("", new ArrayList<>());
    }

    private ConfigProblems(String prefix, List<ConfigProblem> problems) {
        this.prefix = prefix;
        this.problems = problems;
    }

    /** The same collection, seen from {@code section} (relative to this view): its keys are reported under it. */
    public ConfigProblems at(String section) {
        return new ConfigProblems(path(section) + ".", problems);
    }

    /** The full path of {@code key} in this view. */
    public String path(String key) {
        return prefix + key;
    }

    /** Records a problem with {@code key} (relative to this view) unless {@code ok}. */
    public void require(boolean ok, String key, Object found, String expected) {
        if (!ok) {
            problems.add(new ConfigProblem(path(key), found, expected));
        }
    }

    /** Records a problem whose key is already a full path (a task's rules report those). */
    public void add(ConfigProblem problem) {
        problems.add(problem);
    }

    /** Whether a problem is already recorded for {@code key} (relative to this view). */
    public boolean has(String key) {
        return problems.stream().anyMatch(p -> p.key().equals(path(key)));
    }

    public List<ConfigProblem> all() {
        return List.copyOf(problems);
    }

    /** Throws one exception listing every problem, if there is any; {@code source} names the config. */
    public void throwIfAny(String source) {
        if (!problems.isEmpty()) {
            throw new ConfigException(source + " is not a runnable job:" + problems.stream()
                    .map(p -> "\n  " + p).collect(Collectors.joining()));
        }
    }
}
