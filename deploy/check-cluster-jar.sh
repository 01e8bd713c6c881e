#!/usr/bin/env bash
# Checks that the cluster jar runs under spark-submit with nothing but Spark's own jars beside it, as on a cluster:
# builds the classpath of a plain Spark 3.5.9 distribution (spark-sql + spark-mllib and their dependencies, from
# Maven), then runs org.apache.spark.deploy.SparkSubmit (what bin/spark-submit runs) on local[2] with a short job.
# Usage: deploy/check-cluster-jar.sh     (after mvn -B -q package -DskipTests)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$root/target/cluster-jar-check"
jar="$(ls "$root"/spark-jobs/target/spark-jobs-*-cluster.jar | head -n 1)"
mkdir -p "$work/tmp"
cat > "$work/pom.xml" <<'POM'
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>check</groupId><artifactId>spark-distribution</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>org.apache.spark</groupId><artifactId>spark-sql_2.12</artifactId><version>3.5.9</version></dependency>
    <dependency><groupId>org.apache.spark</groupId><artifactId>spark-mllib_2.12</artifactId><version>3.5.9</version></dependency>
  </dependencies>
</project>
POM
mvn -B -q -f "$work/pom.xml" dependency:build-classpath -Dmdep.outputFile="$work/spark-classpath.txt"
# The copy lives elsewhere, so its paths (relative to the config's folder) are made absolute.
sed -e "s#dir: \.\./runs#dir: $work/runs#" -e "s#\.\./data-samples/#$root/data-samples/#" \
  -e 's/num_epochs: 10/num_epochs: 2/' "$root/conf/customer-support.yaml" > "$work/job.yaml"
opens=()
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
         java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  opens+=("--add-opens=java.base/$p=ALL-UNNAMED")
done
cd "$root"
java "${opens[@]}" -Djdk.reflect.useDirectMethodHandle=false -Xmx6g -Dai.djl.offline=true \
  -Djava.io.tmpdir="$work/tmp" -Dorg.bytedeco.javacpp.cachedir="$work/javacpp" \
  -cp "$(cat "$work/spark-classpath.txt")" org.apache.spark.deploy.SparkSubmit \
  --master 'local[2]' --class io.sparkdistill.jobs.cli.DistillMain "$jar" run --config "$work/job.yaml" \
  2> "$work/spark-submit.log" | tee "$work/stdout.txt"
grep -q '^Report: ' "$work/stdout.txt" && echo "cluster jar OK under spark-submit (log: $work/spark-submit.log)"
