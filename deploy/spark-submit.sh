#!/usr/bin/env bash
# Submits a spark-distill job to a cluster (YARN, standalone or Kubernetes) with the cluster jar.
#
#   deploy/spark-submit.sh <master> <command> --config <config URL> [more distill options]
#   deploy/spark-submit.sh yarn run --config hdfs:///jobs/customer-support.yaml
#   deploy/spark-submit.sh spark://master:7077 generate --config s3a://bucket/jobs/nightly.yaml
#
# Environment: SPARK_HOME (spark-submit on PATH otherwise), DEPLOY_MODE (default cluster; client for standalone
# tests), EXECUTORS, EXECUTOR_CORES, EXECUTOR_MEMORY, DRIVER_MEMORY.
set -euo pipefail
if [[ $# -lt 2 ]]; then
  sed -n '2,9p' "$0" >&2
  exit 2
fi
master="$1"; shift
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$(ls "$root"/spark-jobs/target/spark-jobs-*-cluster.jar 2>/dev/null | head -n 1 || true)"
if [[ -z "$jar" ]]; then
  echo "no cluster jar: run 'mvn -B -q package -DskipTests' first" >&2
  exit 2
fi
submit="${SPARK_HOME:+$SPARK_HOME/bin/}spark-submit"
# The teacher's model is inside the jar; DJL must never try to download anything on the executors.
java_opts="-Dai.djl.offline=true"
exec "$submit" \
  --master "$master" \
  --deploy-mode "${DEPLOY_MODE:-cluster}" \
  --class io.sparkdistill.jobs.DistillMain \
  --num-executors "${EXECUTORS:-2}" \
  --executor-cores "${EXECUTOR_CORES:-2}" \
  --executor-memory "${EXECUTOR_MEMORY:-6g}" \
  --driver-memory "${DRIVER_MEMORY:-4g}" \
  --conf spark.driver.extraJavaOptions="$java_opts" \
  --conf spark.executor.extraJavaOptions="$java_opts" \
  --conf spark.kryo.registrator=org.nd4j.kryo.Nd4jRegistrator \
  "$jar" "$@"
