package io.sparkdistill.provenance;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.Properties;

/**
 * The versions of what ran: the same config on another Java, Spark or DL4J may train a different student.
 *
 * @param java  {@code java.version} of the driver
 * @param spark Spark's version, or {@code unknown} where no Spark ran (the core has no Spark to ask)
 * @param dl4j  the version of deeplearning4j-nn on the class path
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RuntimeVersions(String java, String spark, String dl4j) implements Serializable {
    private static final String DL4J_POM = "/META-INF/maven/org.deeplearning4j/deeplearning4j-nn/pom.properties";

    /** This JVM's versions, with {@code sparkVersion} as the Spark session reports it. */
    public static RuntimeVersions current(String sparkVersion) {
        return new RuntimeVersions(System.getProperty("java.version"),
                sparkVersion == null ? ProjectBuild.UNKNOWN : sparkVersion, dl4jVersion());
    }

    private static String dl4jVersion() {
        try (InputStream in = MultiLayerNetwork.class.getResourceAsStream(DL4J_POM)) {
            if (in == null) {
                return ProjectBuild.UNKNOWN;
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", ProjectBuild.UNKNOWN);
        } catch (IOException e) {
            return ProjectBuild.UNKNOWN;
        }
    }
}
