#!/usr/bin/env bash
# Submits a spark-distill job to a cluster (YARN, standalone or Kubernetes) with the cluster jar.
#
#   deploy/spark-submit.sh <master> <command> --config <config URL> [--set key=value ...]
#   deploy/spark-submit.sh yarn run --config hdfs:///jobs/customer-support.yaml
#   deploy/spark-submit.sh spark://master:7077 generate --config s3a://bucket/jobs/nightly.yaml
#   IMAGE=registry.example.com/spark-distill:0.1.0 deploy/spark-submit.sh k8s://https://k8s-api:6443 run \
#       --config file:///opt/spark-distill/conf/customer-support.yaml --set output.dir=s3a://bucket/runs
#
# Environment: SPARK_HOME (spark-submit on PATH otherwise), DEPLOY_MODE (default cluster), EXECUTORS,
# EXECUTOR_CORES, EXECUTOR_MEMORY, DRIVER_MEMORY, JAR (another jar than the build's), and on Kubernetes IMAGE
# (required), NAMESPACE, SERVICE_ACCOUNT. DISTILL__* variables (config overrides) are passed on to the driver.
# GPUS_PER_TASK=1 (with a jar built by -Pgpu): the train stage alone runs on GPU executors (stage-level scheduling,
# training.gpus_per_task), which needs dynamic allocation; deploy/getGpusResources.sh finds each executor's GPUs.
set -euo pipefail
if [[ $# -lt 2 ]]; then
  sed -n '2,15p' "$0" >&2
  exit 2
fi
master="$1"; shift
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The build's cluster jar (spark-jobs/pom.xml: <artifactId>-<version>-cluster.jar); DeployArtefactsTest keeps it true.
jar_name="spark-jobs-0.1.0-SNAPSHOT-cluster.jar"
executors="${EXECUTORS:-2}"
executor_cores="${EXECUTOR_CORES:-2}"
# The teacher's model is inside the jar; DJL must never try to download anything on the executors.
java_opts="-Dai.djl.offline=true"

args=(--master "$master" --deploy-mode "${DEPLOY_MODE:-cluster}" --class io.sparkdistill.jobs.cli.DistillMain
      --executor-cores "$executor_cores" --executor-memory "${EXECUTOR_MEMORY:-6g}"
      --driver-memory "${DRIVER_MEMORY:-4g}"
      --conf "spark.driver.extraJavaOptions=$java_opts" --conf "spark.executor.extraJavaOptions=$java_opts"
      --conf spark.serializer=org.apache.spark.serializer.KryoSerializer
      --conf spark.kryo.registrator=io.sparkdistill.jobs.SparkDistillKryoRegistrator)
gpus="${GPUS_PER_TASK:-0}"
if [[ "$gpus" != 0 ]]; then
  args+=(--conf spark.dynamicAllocation.enabled=true --conf spark.dynamicAllocation.shuffleTracking.enabled=true)
  case "$master" in
    # The image holds the script (deploy/Dockerfile); Kubernetes asks the device plugin for the vendor's GPUs.
    k8s://*) args+=(--conf spark.executor.resource.gpu.discoveryScript=/opt/spark-distill/getGpusResources.sh
                    --conf spark.executor.resource.gpu.vendor=nvidia.com) ;;
    # Shipped with the job into each executor's working folder.
    *) args+=(--files "$root/deploy/getGpusResources.sh"
              --conf spark.executor.resource.gpu.discoveryScript=./getGpusResources.sh) ;;
  esac
fi

# Config overrides from the environment reach a driver that runs elsewhere only through these settings.
overrides=()
for name in $(compgen -e); do
  if [[ "$name" == DISTILL__* ]]; then overrides+=("$name"); fi
done

case "$master" in
  yarn)
    args+=(--num-executors "$executors")
    for name in "${overrides[@]}"; do args+=(--conf "spark.yarn.appMasterEnv.$name=${!name}"); done
    jar="${JAR:-$root/spark-jobs/target/$jar_name}"
    ;;
  spark://*)
    args+=(--total-executor-cores "$((executors * executor_cores))")
    if [[ ${#overrides[@]} -gt 0 && "${DEPLOY_MODE:-cluster}" == cluster ]]; then
      echo "note: a standalone master does not pass DISTILL__ variables to a driver in cluster mode; use --set" >&2
    fi
    jar="${JAR:-$root/spark-jobs/target/$jar_name}"
    ;;
  k8s://*)
    if [[ -z "${IMAGE:-}" ]]; then
      echo "Kubernetes needs IMAGE: an image built from deploy/Dockerfile" >&2
      exit 2
    fi
    args+=(--conf "spark.executor.instances=$executors"
           --conf "spark.kubernetes.container.image=$IMAGE"
           --conf "spark.kubernetes.namespace=${NAMESPACE:-default}"
           --conf "spark.kubernetes.authenticate.driver.serviceAccountName=${SERVICE_ACCOUNT:-spark}")
    for name in "${overrides[@]}"; do args+=(--conf "spark.kubernetes.driverEnv.$name=${!name}"); done
    # The jar is inside the image (deploy/Dockerfile).
    jar="${JAR:-local:///opt/spark-distill/$jar_name}"
    ;;
  *)
    echo "unknown master '$master': expected yarn, spark://host:port or k8s://https://host:port" >&2
    exit 2
    ;;
esac
if [[ "$jar" != local://* && ! -f "$jar" ]]; then
  echo "no cluster jar at $jar: run 'mvn -B -q package -DskipTests' first" >&2
  exit 2
fi
submit="${SPARK_HOME:+$SPARK_HOME/bin/}spark-submit"
if [[ "$gpus" != 0 ]]; then
  set -- "$@" --set "training.gpus_per_task=$gpus"
fi
exec "$submit" "${args[@]}" "$jar" "$@"
