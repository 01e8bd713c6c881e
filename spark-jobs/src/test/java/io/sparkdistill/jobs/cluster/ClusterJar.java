package io.sparkdistill.jobs.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;

/**
 * The cluster jar the build makes ({@code mvn package}: the shade plugin's {@code -cluster} jar, everything but
 * Spark, Scala and Hadoop), which users hand to spark-submit. The standalone cluster test runs it instead of the
 * test classpath, so it must hold the code under test: a jar older than the compiled classes is refused, not used.
 */
final class ClusterJar {
    private static final Path TARGET = Path.of("target").toAbsolutePath();
    /** The classes the jar is made of: this module's and pipeline-core's. */
    private static final List<Path> CLASSES = List.of(TARGET.resolve("classes"),
            TARGET.resolveSibling("../pipeline-core/target/classes").normalize());

    private ClusterJar() {
    }

    /** The jar, checked to exist and to be newer than every class it is made of. */
    static Path path() throws IOException {
        Path jar;
        try (Stream<Path> files = Files.list(TARGET)) {
            jar = files.filter(p -> p.getFileName().toString().matches("spark-jobs-.*-cluster\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no cluster jar in " + TARGET + ": this test runs "
                            + "the jar the build ships; build it first (mvn package -DskipTests, as bin/test does)"));
        }
        FileTime built = Files.getLastModifiedTime(jar);
        for (Path classes : CLASSES) {
            try (Stream<Path> files = Files.walk(classes)) {
                files.filter(Files::isRegularFile).filter(f -> lastModified(f).compareTo(built) > 0).findFirst()
                        .ifPresent(f -> {
                            throw new IllegalStateException(jar + " is older than " + f + ": rebuild it (mvn -o "
                                    + "package -DskipTests) so that the cluster runs the code under test");
                        });
            }
        }
        return jar;
    }

    private static FileTime lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Spark's jars as the cluster jar needs them: the pom's provided scope (Spark, Scala, Hadoop's client and what
     * only they use), which the build lists in {@code target/spark-classpath.txt}. A library both Spark and the
     * project use (slf4j, Jackson) is in the cluster jar instead, at the version the pom pins to Spark's; a real
     * installation would have it twice, here it comes once.
     */
    static List<Path> sparkJars() throws IOException {
        Path list = TARGET.resolve("spark-classpath.txt");
        if (!Files.exists(list)) {
            throw new IllegalStateException("no " + list + ": Maven writes it at generate-test-resources");
        }
        return Stream.of(Files.readString(list).trim().split(java.io.File.pathSeparator)).map(Path::of).toList();
    }
}
