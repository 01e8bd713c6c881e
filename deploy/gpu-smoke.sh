#!/usr/bin/env bash
# GPU smoke test, for a machine with an NVIDIA GPU, its driver, CUDA 11.6 and cuDNN 8 (what nd4j-cuda-11.6 loads):
#   deploy/gpu-smoke.sh
# Builds the gpu profile (DL4J 1.0.0-M2.1, ND4J on CUDA 11.6; the first run downloads about 600 MB) and trains a
# small network for a few steps, then prints what ran on the device: ND4J's backend, the devices it sees, and the
# steps' timing. It fails unless ND4J's backend is CUDA and the loss falls. The report is also in
# pipeline-core/target/device-smoke.txt.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if ! command -v nvidia-smi >/dev/null; then
  echo "no nvidia-smi: this machine has no NVIDIA driver, so there is no GPU for ND4J to use" >&2
  exit 2
fi
echo "nvidia-smi: $(nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader | paste -sd';' -)"
cd "$root"
mvn -B -q -Pgpu -pl pipeline-core -am test -Dtest=DeviceSmokeTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dsmoke.expect.backend=CUDA
cat pipeline-core/target/device-smoke.txt
