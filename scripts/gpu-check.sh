#!/usr/bin/env bash
# The GPU check (issue 11, README "GPU"): on a machine with an NVIDIA GPU, builds with the opt-in -Pgpu profile,
# runs the model-backed tests on the GPU, and prints CPU against GPU figures from this one run: embeddings/s of
# the MiniLM embedder (raw and batched), and the progress model's training time and inference latency when the
# build has `stepgym rewards train-progress`. Refuses, before anything else, on a machine without a GPU.
#
# Downloads nothing: Maven runs offline (-o) and DJL is kept offline, so the -Pgpu artifacts must already be
# in the local Maven repository (`mvn -Pgpu dependency:go-offline` where Maven Central is reachable). From the
# host: CUDA 12 and cuDNN 9 libraries for ONNX Runtime GPU; for PyTorch on the GPU, a CUDA libtorch 2.7.1 named
# by PYTORCH_LIBRARY_PATH (with PYTORCH_VERSION=2.7.1 and PYTORCH_FLAVOR, e.g. cu126); without it the
# progress model is measured on the CPU only. Leaves a -Pgpu build in the target folders.
#
# Usage: scripts/gpu-check.sh [--skip-tests]      STEPGYM_NVIDIA_SMI overrides the nvidia-smi looked for.
set -uo pipefail

nvidia_smi="${STEPGYM_NVIDIA_SMI:-nvidia-smi}"
if ! command -v "$nvidia_smi" >/dev/null 2>&1; then
  echo "gpu-check: no NVIDIA GPU on this machine ($nvidia_smi not found); run it where there is one. Nothing was done." >&2
  exit 2
fi
if ! gpus="$("$nvidia_smi" -L 2>&1)" || [[ "$gpus" != *GPU* ]]; then
  echo "gpu-check: $nvidia_smi lists no GPU (${gpus:-no output}); nothing was done." >&2
  exit 2
fi

skip_tests=false
for arg in "$@"; do
  case "$arg" in
    --skip-tests) skip_tests=true ;;
    *) echo "gpu-check: unknown argument '$arg' (usage: scripts/gpu-check.sh [--skip-tests])" >&2; exit 2 ;;
  esac
done

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root" || exit 2
export DJL_OFFLINE=true OPT_OUT_TRACKING=true
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

section() { printf '\n== %s ==\n' "$*"; }
fail() { echo "gpu-check: $*" >&2; exit 1; }

# The CLI on the classpath this script built; STEPGYM_DEVICE_OPTS carries -Dstepgym.device for one JVM.
stepgym() {
  java -Xmx8g -Dai.djl.offline=true -Dstepgym.cache.dir="$work/cache" ${STEPGYM_DEVICE_OPTS:-} \
    -cp "$root/scenarios/target/classes:$root/scenarios/target/lib/*" dev.stepgym.scenarios.cli.StepGymCli "$@"
}

section "GPU"
echo "$gpus"
"$nvidia_smi" --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>/dev/null || true
[[ -n "${PYTORCH_LIBRARY_PATH:-}" ]] && echo "host libtorch: $PYTORCH_LIBRARY_PATH (${PYTORCH_FLAVOR:-flavor unset})" \
  || echo "host libtorch: none (PYTORCH_LIBRARY_PATH unset): the progress model runs on the CPU only"

section "build with -Pgpu (offline)"
mvn -B -ntp -q -o -Pgpu clean install -Dmaven.test.skip=true \
  || fail "the -Pgpu build failed; offline, it needs onnxruntime_gpu in ~/.m2 (mvn -Pgpu dependency:go-offline)"

section "device seen by the CLI"
stepgym rewards --help >/dev/null || fail "the CLI does not start"
probe_input="$work/grpo.json"
echo '{"transform":{"name":"grpo"},"group":[{"id":"a","rewards":[0.5],"outcome":1.0},{"id":"b","rewards":[0.1]}]}' > "$probe_input"
choice="$(stepgym rewards transform --device auto --input "$probe_input" 2>&1 >/dev/null | grep '^device:')"
echo "${choice:-no device line}"
[[ "$choice" == "device: gpu"* ]] \
  || fail "ONNX Runtime GPU sees no GPU it can use (CUDA 12 / cuDNN 9 libraries on the library path?)"

if [[ "$skip_tests" == false ]]; then
  section "model-backed tests on the GPU (-Dstepgym.device=gpu)"
  # The progress model's tests need PyTorch on the GPU too, which only a host libtorch gives.
  tests='DevicesTest,*MiniLm*Test,DjlStaysOfflineTest,DeviceOptionsTest'
  [[ -n "${PYTORCH_LIBRARY_PATH:-}" ]] && tests+=',Progress*Test' \
    || echo "(progress model tests left out: PYTORCH_LIBRARY_PATH unset)"
  mvn -B -ntp -o -Pgpu -pl rewards,scenarios test -Dstepgym.device=gpu -Dtest="$tests" \
    -Dsurefire.failIfNoSpecifiedTests=false > "$work/tests.txt" 2>&1
  tests_rc=$?
  grep -E 'Tests run:|FAIL|ERROR\]' "$work/tests.txt"
  [[ "$tests_rc" == 0 ]] || fail "model-backed tests failed on the GPU (exit $tests_rc)"
fi

section "embeddings/s, CPU against GPU (bench searchqa --small, no load run)"
for device in cpu gpu; do
  echo "-- $device"
  STEPGYM_DEVICE_OPTS="-Dstepgym.device=$device" stepgym bench searchqa --small --queries 50 --embed-texts 2000 \
    --load-episodes 0 > "$work/bench-$device.txt" 2>&1 || { cat "$work/bench-$device.txt"; fail "bench on the $device failed"; }
  grep -A2 'texts/s' "$work/bench-$device.txt" || cat "$work/bench-$device.txt"
done

section "progress model, CPU against GPU"
if ! stepgym rewards train-progress --help >/dev/null 2>&1; then
  echo "skipped: this build has no 'stepgym rewards train-progress' command"
  exit 0
fi
for agent in oracle-shop random; do
  stepgym run --scenario shop-demo --agent "$agent" --episodes 40 --quiet --no-progress --no-report \
    --record-dir "$work/runs/$agent" >/dev/null || fail "recording $agent shop trajectories failed"
done
devices=(cpu)
[[ -n "${PYTORCH_LIBRARY_PATH:-}" ]] && devices+=(gpu) || echo "(GPU side skipped: PYTORCH_LIBRARY_PATH unset)"
for device in "${devices[@]}"; do
  echo "-- $device"
  start=$(date +%s.%N)
  stepgym rewards train-progress --device "$device" --from "$work/runs" \
    --out "$work/model-$device" > "$work/train-$device.txt" 2>&1 || { cat "$work/train-$device.txt"; fail "training on the $device failed"; }
  end=$(date +%s.%N)
  grep -iE 'steps/s|latency|loss|device:' "$work/train-$device.txt" | tail -n 8
  awk -v s="$start" -v e="$end" 'BEGIN { printf "wall time of train-progress: %.1f s\n", e - s }'
done
