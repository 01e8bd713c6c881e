package io.sparkdistill.provenance;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Which build of spark-distill made an artefact: the project's version and the git commit it was built from. Both
 * come from {@value #RESOURCE}, written by the build (Maven fills in the version; the commit is {@code unknown} when
 * the sources were built outside a git checkout), so a jar carries them wherever it runs.
 *
 * @param version   the Maven version, e.g. {@code 0.1.0-SNAPSHOT}
 * @param gitCommit the full commit id, with {@code -dirty} after it when the sources had uncommitted changes, or
 *                  {@code unknown}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProjectBuild(String version, String gitCommit) implements Serializable {
    static final String RESOURCE = "/io/sparkdistill/provenance/build.properties";
    static final String UNKNOWN = "unknown";

    public ProjectBuild {
        version = known(version);
        gitCommit = known(gitCommit);
    }

    /** The build this class was loaded from. */
    public static ProjectBuild current() {
        try (InputStream in = ProjectBuild.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return new ProjectBuild(null, null);
            }
            Properties properties = new Properties();
            properties.load(in);
            return new ProjectBuild(properties.getProperty("version"), properties.getProperty("git.commit"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + " from the class path", e);
        }
    }

    /** Blank, or an Ant property the build could not set (no git), means the value is not known. */
    private static String known(String value) {
        return value == null || value.isBlank() || value.startsWith("${") ? UNKNOWN : value.strip();
    }
}
