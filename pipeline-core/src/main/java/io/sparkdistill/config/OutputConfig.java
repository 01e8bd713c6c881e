package io.sparkdistill.config;

import java.io.Serializable;

/**
 * Where a run writes.
 *
 * @param dir     parent folder of all runs, any Hadoop file system (default {@code runs})
 * @param runName sub-folder of this run (default: the job's name, so a nightly run finds yesterday's work)
 * @param teacherCache where API teachers' paid answers are kept by prompt, shared by every run that names it, so
 *                     that no run pays twice for the same prompt to the same teacher (default
 *                     {@code <dir>/teacher-cache}; {@code off} to keep none)
 */
public record OutputConfig(String dir, String runName, String teacherCache) implements Serializable {
    public static final String CACHE_OFF = "off";

    public OutputConfig {
        dir = dir == null ? "runs" : dir;
        teacherCache = teacherCache == null ? dir.replaceAll("/+$", "") + "/teacher-cache" : teacherCache;
    }

    /** Whether answers are cached at all. */
    public boolean cachesAnswers() {
        return !CACHE_OFF.equals(teacherCache);
    }

    public static OutputConfig defaults() {
        return new OutputConfig(null, null, null);
    }
}
