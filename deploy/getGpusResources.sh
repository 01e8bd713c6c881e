#!/usr/bin/env bash
# Spark GPU discovery script (spark.executor.resource.gpu.discoveryScript, spark.worker.resource.gpu.discoveryScript):
# prints the NVIDIA GPUs this executor or worker may use as Spark's ResourceInformation JSON,
#   {"name": "gpu", "addresses": ["0", "1"]}
# Spark assigns these addresses to tasks; spark-distill's train stage asks for them (training.gpus_per_task).
# Under YARN GPU isolation or Kubernetes device plugins the container sees only its own GPUs, so nvidia-smi lists
# exactly those.
set -euo pipefail
addresses="$(nvidia-smi --query-gpu=index --format=csv,noheader | tr -d ' ' | sed 's/.*/"&"/' | paste -sd, -)"
echo "{\"name\": \"gpu\", \"addresses\": [${addresses}]}"
