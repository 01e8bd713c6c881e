package io.sparkdistill.config;

import java.io.Serializable;
import java.util.List;

/**
 * Where a run writes.
 *
 * @param dir     parent folder of all runs, any Hadoop file system (default {@code runs})
 * @param runName sub-folder of this run (default: the job's name, so a nightly run finds yesterday's work)
 * @param teacherCache where API teachers' paid answers are kept by prompt, shared by every run that names it, so
 *                     that no run pays twice for the same prompt to the same teacher (default
 *                     {@code <dir>/teacher-cache}; {@code off} to keep none)
 * @param syntheticFormat how {@code synthetic/} is kept: {@code parquet} (default) or {@code delta}, a Delta Lake
 *                        table that each run merges its new rows into by example id
 */
public record OutputConfig(String dir, String runName, String teacherCache, SyntheticFormat syntheticFormat)
        implements Serializable {

    /** The rows of the configuration reference for this section's keys. */
    public static final List<KeyDoc> KEYS = List.of(
            KeyDoc.of("dir", "parent of run folders, any Hadoop file system"),
            KeyDoc.of("run_name", "the job's name", "the run folder"),
            KeyDoc.of("synthetic_format", "`delta` keeps `synthetic/` as a Delta Lake table that each run merges its "
                    + "new rows into by id; every stage reads either"),
            KeyDoc.of("teacher_cache", "`<output.dir>/teacher-cache`", "API teachers' paid answers by prompt key, "
                    + "shared by the runs that name it; `off` for none"));
    public static final String CACHE_OFF = "off";

    public OutputConfig {
        dir = dir == null ? "runs" : dir;
        teacherCache = teacherCache == null ? dir.replaceAll("/+$", "") + "/teacher-cache" : teacherCache;
        // YAML 1.1 reads an unquoted off (or no) as the boolean false, which arrives here as "false": that is the
        // user saying off, not a folder called false.
        teacherCache = "false".equals(teacherCache) ? CACHE_OFF : teacherCache;
        syntheticFormat = syntheticFormat == null ? SyntheticFormat.PARQUET : syntheticFormat;
    }

    public boolean delta() {
        return syntheticFormat == SyntheticFormat.DELTA;
    }

    /** Whether answers are cached at all. */
    public boolean cachesAnswers() {
        return !CACHE_OFF.equals(teacherCache);
    }

    public static OutputConfig defaults() {
        return new OutputConfig(null, null, null, null);
    }

    /** Checks every key; {@code problems} is the view of this section. */
    public void validate(ConfigProblems problems) {
        problems.require(dir != null && !dir.isBlank(), "dir", dir,
                "a folder for the runs, such as runs or hdfs:///distill/runs (empty would write at the root)");
        problems.require(runName == null || FolderName.valid(runName), "run_name", runName,
                FolderName.EXPECTED + " inside output.dir");
    }
}
