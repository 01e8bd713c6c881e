#!/usr/bin/env bash
# Checks the object-store connectors of the cloud-storage profile next to Spark 3.5's own jars (the build's
# classpath): s3a://, abfss:// and gs:// file systems are created from spark.hadoop.* settings the way a SparkContext
# builds its Hadoop configuration, and s3a makes a real request (to a closed loopback port, so it must fail to
# connect, which proves the AWS SDK is wired); the S3A magic committer's factory and Spark SQL's commit protocol for it
# (spark-hadoop-cloud) load and bind. No cloud account is used.
# Usage: deploy/check-cloud-connectors.sh     (after mvn -B -q -Pcloud-storage package -DskipTests)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
connectors="$root/spark-jobs/target/cloud-storage"
work="$root/target/cloud-connectors-check"
if [[ ! -d "$connectors" || ! -f "$root/spark-jobs/target/classpath.txt" ]]; then
  echo "run 'mvn -B -q -Pcloud-storage package -DskipTests' first" >&2
  exit 2
fi
mkdir -p "$work"
cat > "$work/CloudConnectorsCheck.java" <<'JAVA'
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.deploy.SparkHadoopUtil;

public class CloudConnectorsCheck {
    public static void main(String[] args) throws Exception {
        SparkConf spark = new SparkConf(false)
                .set("spark.hadoop.fs.s3a.endpoint", "http://127.0.0.1:9")
                .set("spark.hadoop.fs.s3a.path.style.access", "true")
                .set("spark.hadoop.fs.s3a.aws.credentials.provider",
                        "org.apache.hadoop.fs.s3a.AnonymousAWSCredentialsProvider")
                .set("spark.hadoop.fs.s3a.attempts.maximum", "1")
                .set("spark.hadoop.fs.s3a.retry.limit", "1")
                .set("spark.hadoop.fs.azure.account.key.checkaccount.dfs.core.windows.net", "Y2hlY2s=")
                .set("spark.hadoop.fs.gs.auth.service.account.enable", "false")
                .set("spark.hadoop.fs.gs.auth.null.enable", "true")
                .set("spark.hadoop.fs.gs.project.id", "check");
        Configuration hadoop = SparkHadoopUtil.get().newConfiguration(spark);
        int failures = 0;
        for (String url : new String[]{"s3a://bucket/", "abfss://container@checkaccount.dfs.core.windows.net/",
                "gs://bucket/"}) {
            try {
                System.out.println(url + " -> " + new Path(url).getFileSystem(hadoop).getClass().getName());
            } catch (Throwable t) {
                failures++;
                System.out.println(url + " -> FAILED: " + t);
            }
        }
        try {
            new Path("s3a://bucket/x").getFileSystem(hadoop).exists(new Path("s3a://bucket/x"));
            failures++;
            System.out.println("s3a reached something on 127.0.0.1:9, which should be closed");
        } catch (java.io.IOException e) {
            boolean refused = String.valueOf(e.getMessage()).contains("127.0.0.1:9");
            failures += refused ? 0 : 1;
            System.out.println("s3a request to fs.s3a.endpoint: " + (refused ? "connection refused, as expected" : e));
        }
        failures += magicCommitterBinds(hadoop);
        System.exit(failures == 0 ? 0 : 1);
    }

    /** The settings deploy/ uses for s3a output pick the magic committer, and Spark SQL's binding to it loads. */
    static int magicCommitterBinds(Configuration hadoop) {
        hadoop.set("fs.s3a.committer.name", "magic");
        hadoop.set("mapreduce.outputcommitter.factory.scheme.s3a", "org.apache.hadoop.fs.s3a.commit.S3ACommitterFactory");
        try {
            Object factory = org.apache.hadoop.mapreduce.lib.output.PathOutputCommitterFactory
                    .getCommitterFactory(new Path("s3a://bucket/out"), hadoop);
            Object protocol = Class.forName("org.apache.spark.internal.io.cloud.PathOutputCommitProtocol")
                    .getConstructor(String.class, String.class, boolean.class)
                    .newInstance("check", "s3a://bucket/out", false);
            Class.forName("org.apache.spark.internal.io.cloud.BindingParquetOutputCommitter");
            System.out.println("s3a committer factory: " + factory.getClass().getName() + "; Spark SQL protocol: "
                    + protocol.getClass().getName());
            return factory.getClass().getSimpleName().equals("S3ACommitterFactory") ? 0 : 1;
        } catch (Throwable t) {
            System.out.println("magic committer binding FAILED: " + t);
            return 1;
        }
    }
}
JAVA
java -Djava.io.tmpdir="$work" -cp "$(cat "$root/spark-jobs/target/classpath.txt"):$connectors/*" \
  "$work/CloudConnectorsCheck.java" 2> "$work/check.log"
echo "cloud connectors OK (log: $work/check.log)"
