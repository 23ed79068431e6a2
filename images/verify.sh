#!/usr/bin/env bash
# Verifies the container images on a machine without a Docker daemon (what .ci/run can exercise):
#
#  1. lint     both Dockerfiles keep the conventions (ARG BASE with a default, FROM ${BASE}, numeric USER,
#              exec-form ENTRYPOINT, OCI labels)
#  2. tools    mmdebstrap, umoci, buildah, podman, runc (apt-get install when missing and root)
#  3. base     a Debian bookworm + OpenJDK 17 JRE base image, built with mmdebstrap into an OCI layout,
#              cached under ${XDG_CACHE_HOME:-~/.cache}/repal-images/ keyed by its recipe, and copied
#              into container storage (skopeo)
#  4. cpu      images/build.sh cpu --base <that image> (buildah, chroot isolation, overlay storage where
#              possible, else vfs)
#  5. run      real stages in the image with podman + runc: doctor (self-check, and that the JVM can draw text for
#              the report stage), generate, then a one-epoch train-rnn on its
#              output (ND4J natives loaded) and compare (DSA, LAPACKE), with --network none, a read-only
#              root, a 64 MB /tmp, --user 10001 and --memory 2g; the outputs are checked on the host
#              (sizes, SHA-256 of the manifest, NumPy loads, finite metrics)
#  6. cuda     images/cuda/Dockerfile built with stand-ins (the Debian base for the CUDA base and the JRE
#              image, the CPU build's jars without natives as context) and run once (--version): its base
#              cannot be pulled here
#
# Usage: bash images/verify.sh [--skip-maven]   (--skip-maven: reuse an existing CPU build of workflows/)
# Container storage and configuration live in the cache folder too (CONTAINERS_STORAGE_CONF,
# CONTAINERS_CONF); nothing under /etc is changed. REPAL_IMAGES_CACHE overrides the cache folder.
set -euo pipefail

skip_maven=()
case "${1:-}" in
  "") ;;
  --skip-maven) skip_maven=(--skip-maven) ;;
  *) echo "usage: bash images/verify.sh [--skip-maven]" >&2; exit 2 ;;
esac

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
cache=${REPAL_IMAGES_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/repal-images}
mkdir -p "$cache"
# One run at a time per cache (two CI jobs on one machine would otherwise race on the base and storage).
exec 9>"$cache/.lock"
flock 9
work=$(mktemp -d "${TMPDIR:-/tmp}/repal-verify.XXXXXX")
trap 'rm -rf "$work"' EXIT

fail() { echo "verify.sh: FAILED: $*" >&2; exit 1; }
t0=$(date +%s)
phase_start=$t0
phase() {  # phase NAME: reports the time since the previous phase ended
  local now
  now=$(date +%s)
  echo "verify.sh: [$1] done in $((now - phase_start)) s" >&2
  phase_start=$now
}

# 1. lint ---------------------------------------------------------------------------------------------
python3 - images/cpu/Dockerfile images/cuda/Dockerfile <<'PY' || fail "Dockerfile conventions (see above)"
import json, os, re, sys

def instructions(path):
    """(KEYWORD, arguments) per instruction, continuation lines joined, comments dropped."""
    out, current = [], ""
    for line in open(path, encoding="utf-8"):
        stripped = line.strip()
        if not current and (not stripped or stripped.startswith("#")):
            continue
        if stripped.startswith("#"):
            continue
        if stripped.endswith("\\"):
            current += stripped[:-1] + " "
            continue
        current += stripped
        keyword, _, args = current.partition(" ")
        out.append((keyword.upper(), args.strip()))
        current = ""
    return out

bad = False
for path in sys.argv[1:]:
    ins = instructions(path)
    problems = []
    if not ins or ins[0][0] != "ARG" or not re.fullmatch(r"BASE=\S+", ins[0][1]):
        problems.append("the first instruction must be ARG BASE=<default image>")
    froms = [a for k, a in ins if k == "FROM"]
    if not froms or not froms[-1].startswith("${BASE}"):
        problems.append("the final stage must be FROM ${BASE}")
    users = [a for k, a in ins if k == "USER"]
    if not users or not re.fullmatch(r"[1-9][0-9]*(:[0-9]+)?", users[-1]):
        problems.append("needs a numeric non-root USER (uid[:gid])")
    entry = [a for k, a in ins if k == "ENTRYPOINT"]
    try:
        argv = json.loads(entry[-1]) if entry else None
    except ValueError:
        argv = None
    if argv != ["java", "@/opt/repal/repal.args"]:
        problems.append('needs the exec-form ENTRYPOINT ["java", "@/opt/repal/repal.args"] (the command Argo templates name)')
    argfile = os.path.join(os.path.dirname(path), "repal.args")
    lines = open(argfile).read().split("\n") if os.path.exists(argfile) else []
    if not lines or "org.repal.cli.Repal" not in lines:
        problems.append(f"{argfile} must exist and end with the main class org.repal.cli.Repal")
    labels = " ".join(a for k, a in ins if k == "LABEL")
    for key in ("title", "version", "revision", "source"):
        if "org.opencontainers.image." + key + "=" not in labels:
            problems.append("missing LABEL org.opencontainers.image." + key)
    for p in problems:
        print(f"{path}: {p}", file=sys.stderr)
    bad |= bool(problems)
sys.exit(1 if bad else 0)
PY
phase lint

# 2. tools --------------------------------------------------------------------------------------------
need=(mmdebstrap umoci skopeo buildah podman runc unzip python3)
missing=()
for tool in "${need[@]}"; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
    || fail "missing tools: ${missing[*]} (install: mmdebstrap umoci skopeo runc buildah podman fuse-overlayfs unzip)"
  echo "verify.sh: installing ${missing[*]} with apt-get" >&2
  apt-get update -q >&2 || fail "apt-get update"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    mmdebstrap umoci skopeo runc buildah podman fuse-overlayfs unzip >&2 || fail "apt-get install"
fi
python3 -c 'import numpy' 2>/dev/null || fail "python3 has no numpy (needed to check the stage outputs)"

# Storage and engine settings for buildah and podman, here rather than in /etc. Storage driver: overlay
# where this kernel and file system allow it (as root), else vfs, which works anywhere but copies the whole
# file system for every layer (a cpu image build takes minutes instead of seconds);
# REPAL_IMAGES_STORAGE_DRIVER=vfs|overlay chooses. runc (crun fails on these machines), cgroupfs (no
# systemd), bounded ulimits (the machines' are unlimited, which runc rejects for containers).
conf="$cache/containers"
mkdir -p "$conf"
driver=${REPAL_IMAGES_STORAGE_DRIVER:-}
if [ -z "$driver" ]; then
  driver=vfs
  probe="$conf/overlay-probe"
  rm -rf "$probe"
  mkdir -p "$probe"/{lower,upper,work,merged}
  if [ "$(id -u)" = 0 ] && mount -t overlay overlay \
       -o "lowerdir=$probe/lower,upperdir=$probe/upper,workdir=$probe/work" "$probe/merged" 2>/dev/null; then
    umount "$probe/merged"
    driver=overlay
  fi
  rm -rf "$probe"
fi
case "$driver" in vfs | overlay) ;; *) fail "REPAL_IMAGES_STORAGE_DRIVER must be vfs or overlay, not $driver" ;; esac
echo "verify.sh: storage driver $driver" >&2
# One storage folder per driver: a folder written by one driver cannot be opened with the other.
cat >"$conf/storage-$driver.conf" <<EOF
[storage]
driver = "$driver"
graphroot = "$conf/storage-$driver"
runroot = "$conf/run-$driver"
EOF
cat >"$conf/containers.conf" <<'EOF'
[containers]
default_ulimits = ["nofile=1024:1024", "nproc=4096:4096"]

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
EOF
export CONTAINERS_STORAGE_CONF="$conf/storage-$driver.conf" CONTAINERS_CONF="$conf/containers.conf"
export BUILDAH_ISOLATION=chroot
# Working containers buildah left behind (it keeps the one of a multi-stage build's `FROM … AS jre` stage,
# and an interrupted run leaves its own): this storage is verify.sh's alone and runs are serialised.
buildah rm --all >/dev/null 2>&1 || true
phase tools

# 3. base ---------------------------------------------------------------------------------------------
# The recipe is the cache key: change any line and the next run builds a new base.
suite=bookworm
mirrors=(
  "deb http://deb.debian.org/debian $suite main"
  "deb http://deb.debian.org/debian $suite-updates main"
  "deb http://deb.debian.org/debian-security $suite-security main"
)
base_options=(
  --variant=apt --format=tar
  --include=openjdk-17-jre-headless,ca-certificates
  # Documentation is not needed in an image; the licences are kept. update-alternatives (run by the JRE's
  # postinst) still needs the folder for its manual page link.
  '--essential-hook=mkdir -p "$1/usr/share/man/man1"'
  --dpkgopt=path-exclude=/usr/share/man/*
  --dpkgopt=path-exclude=/usr/share/doc/*
  --dpkgopt=path-include=/usr/share/doc/*/copyright
  --dpkgopt=path-exclude=/usr/share/locale/*
)
# The recipe is the cache key: change any part (or the recipe version) and the next run builds a new base.
key=$(printf '%s\n' "recipe 1" "${base_options[@]}" "$suite" "${mirrors[@]}" | sha256sum | cut -c1-16)
base_dir="$cache/base-$key"
# Builds use it from container storage: buildah 1.28 names the build container after an oci: path, which
# fails for paths that are not valid image names (e.g. a ".cache" folder).
base_ref="localhost/repal-base:jre17-$key"
if [ -f "$base_dir/index.json" ]; then
  echo "verify.sh: base image cached: $base_dir" >&2
else
  echo "verify.sh: building the base image (mmdebstrap, Debian $suite + OpenJDK 17 JRE)" >&2
  build="$cache/base-$key.partial"
  rm -rf "$cache"/base-*.partial  # left by an interrupted or failed run
  mkdir -p "$build"
  mmdebstrap "${base_options[@]}" "$suite" "$build/rootfs.tar" "${mirrors[@]}" >"$build/mmdebstrap.log" 2>&1 \
    || { tail -20 "$build/mmdebstrap.log" >&2; fail "mmdebstrap (log: $build/mmdebstrap.log)"; }
  # The root file system tar becomes the single layer of an OCI image.
  umoci init --layout "$build/oci" >&2 \
    && umoci new --image "$build/oci:jre17" >&2 \
    && umoci unpack --image "$build/oci:jre17" "$build/bundle" >&2 \
    && tar -C "$build/bundle/rootfs" -xf "$build/rootfs.tar" \
    && umoci repack --image "$build/oci:jre17" "$build/bundle" >&2 \
    && umoci config --image "$build/oci:jre17" \
         --config.env "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
         --config.env "JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64" \
         --config.cmd /bin/sh >&2 \
    && umoci gc --layout "$build/oci" >&2 \
    || fail "umoci: turning the base root file system into an OCI image"
  rm -rf "$base_dir"
  mv "$build/oci" "$base_dir"
  rm -rf "$build"
fi
podman image exists "$base_ref" \
  || skopeo copy --quiet "oci:$base_dir:jre17" "containers-storage:$base_ref" >&2 \
  || fail "importing the base image $base_dir into container storage"
phase base

# 4. cpu image ----------------------------------------------------------------------------------------
image=localhost/repal:verify-cpu
images/build.sh cpu --base "$base_ref" --tag "$image" "${skip_maven[@]}" >/dev/null \
  || fail "images/build.sh cpu"
labels=$(podman image inspect --format '{{json .Labels}}' "$image") || fail "podman cannot see $image"
python3 -c '
import json, sys
labels = json.loads(sys.argv[1])
for key in ("title", "version", "revision", "source"):
    value = labels.get("org.opencontainers.image." + key, "")
    if not value or value == "unknown" and key != "source":
        sys.exit("label org.opencontainers.image.%s is %r" % (key, value))
' "$labels" || fail "image labels of $image"
phase "cpu image"

# 5. run real stages -------------------------------------------------------------------------------------
out="$work/out"
mkdir -p "$out"
# The container runs as uid 10001: it must be able to write the mounted folder.
if [ "$(id -u)" = 0 ]; then chown 10001:10001 "$out"; else chmod 0777 "$out"; fi
# /tmp limited to 64 MB: JavaCPP needs ~30 MB there; if it fell back to unpacking all native libraries
# (~400 MB) on start, the run fails here.
run=(podman run --rm --network none --read-only --tmpfs /tmp:rw,size=64m,mode=1777 --user 10001
     --memory 2g -v "$out:/out:rw" "$image")
# The numerics self-check and library facts, as a user would run them first on a new node.
"${run[@]}" doctor >"$work/doctor.json" || fail "repal doctor in the container: $(cat "$work/doctor.json")"
python3 - "$work/doctor.json" <<'PY' || fail "repal doctor output"
import json, sys
doctor = json.load(open(sys.argv[1]))
if not doctor["passed"] or not all(c["passed"] for c in doctor["self_check"]["checks"]):
    sys.exit(f"doctor: a check failed: {doctor['self_check']}")
if doctor["nd4j"]["backend"] != "CpuBackend":
    sys.exit(f"doctor: ND4J backend {doctor['nd4j']}")
if doctor["java"]["vector_kernel"]["lanes"] < 2:
    sys.exit(f"doctor: the DMD vector kernel is off (repal.args should load jdk.incubator.vector): {doctor['java']}")
if not doctor.get("fonts", {}).get("rendered"):
    sys.exit(f"doctor: the JVM cannot draw text (the report stage needs fontconfig and fonts): {doctor.get('fonts')}")
print(f"verify.sh: doctor ok: OpenBLAS {doctor['blas']['version']} kernel {doctor['blas']['core']},"
      f" {len(doctor['self_check']['checks'])} checks passed, {doctor['fonts']['families']} font families",
      file=sys.stderr)
PY
"${run[@]}" generate --taskset PDM --train-size 8 --test-size 4 --seq-len 400 --seed 1 --no-progress \
  --out /out/data >"$work/generate.json" || fail "repal generate in the container"
"${run[@]}" train-rnn --data /out/data --taskset PDM --group master --rnn-type leaky_rnn --activation tanh \
  --hidden 8 --lr 0.01 --batch-size 4 --epochs 1 --seed 1 --no-progress --out /out/models \
  >"$work/train.json" || fail "repal train-rnn in the container"
# DSA and the other metrics (LAPACKE from OpenBLAS) on two of the generated arrays.
"${run[@]}" compare /out/data/AntiPerceptualDecisionMaking/train/inputs.npy \
  /out/data/PerceptualDecisionMaking/train/inputs.npy --metric all --n-delays 5 --rank 5 \
  >"$work/compare.json" || fail "repal compare in the container"
python3 - "$out" "$work/generate.json" "$work/train.json" "$work/compare.json" <<'PY' \
  || fail "stage outputs in $out (see above)"
import hashlib, json, os, sys
import numpy as np

out, generate_summary, train_summary, compare_result = sys.argv[1:]
json.loads(open(generate_summary).read().strip().splitlines()[-1])
data = os.path.join(out, "data")
manifest = json.load(open(os.path.join(data, "manifest.json")))
files = manifest.get("files") or sys.exit("manifest.json lists no files")
for entry in files:
    path = os.path.join(data, entry["key"])
    blob = open(path, "rb").read()
    if len(blob) != entry["size"]:
        sys.exit(f"{path}: {len(blob)} bytes, the manifest says {entry['size']}")
    if hashlib.sha256(blob).hexdigest() != entry["sha256"]:
        sys.exit(f"{path}: SHA-256 differs from the manifest")
    if path.endswith(".npy"):
        array = np.load(path)
        if not np.all(np.isfinite(array.astype(float))):
            sys.exit(f"{path}: non-finite values")
for task in manifest["tasks"]:
    inputs = np.load(os.path.join(data, task["name"], "train", "inputs.npy"))
    if inputs.shape != (8, 400, manifest["inputs"]):
        sys.exit(f"{task['name']}/train/inputs.npy: shape {inputs.shape}, expected (8, 400, {manifest['inputs']})")
summary = json.loads(open(train_summary).read().strip().splitlines()[-1])
runs = summary.get("runs") or sys.exit("train-rnn summary lists no runs")
for run in runs:
    if run.get("status") != "trained":
        sys.exit(f"train-rnn run {run}: not trained")
    final = os.path.join(out, "models", run["group"], run["model"], "final.npz")
    with np.load(final) as weights:
        if not weights.files or not all(np.all(np.isfinite(weights[k])) for k in weights.files):
            sys.exit(f"{final}: empty or non-finite")
metrics = json.loads(open(compare_result).read().strip().splitlines()[-1])
scores = [metrics["dsa"]["score"], metrics["procrustes"]["angle"], metrics["cka"]["cka"]]
if not all(np.isfinite(scores)):
    sys.exit(f"compare: non-finite metrics {scores}")
print(f"verify.sh: outputs ok: {len(files)} dataset files hash-verified, {len(runs)} trained model(s),"
      f" DSA/Procrustes/CKA {scores}", file=sys.stderr)
PY
phase "stage run"

# 6. cuda Dockerfile, with stand-ins -----------------------------------------------------------------
# Its base (nvidia/cuda) cannot be pulled here and nd4j-cuda cannot run without a GPU, so this builds the
# Dockerfile on the Debian base (for BASE and JRE_IMAGE) with the CPU build's jars and no native libraries
# (they only slow the build down here): it checks the Dockerfile's instructions, the multi-stage JRE copy
# and that the entry point starts the JVM.
cuda_image=localhost/repal:verify-cuda-standin
standin="$work/cuda-context"
mkdir -p "$standin/native"
cp -al workflows/target/image-cpu/lib workflows/target/image-cpu/app "$standin/" 2>/dev/null \
  || cp -a workflows/target/image-cpu/lib workflows/target/image-cpu/app "$standin/"
buildah build --layers -f images/cuda/Dockerfile \
  --build-arg "BASE=$base_ref" --build-arg "JRE_IMAGE=$base_ref" \
  --build-arg "JRE_HOME=/usr/lib/jvm/java-17-openjdk-amd64" \
  --build-arg VERSION=verify --build-arg GIT_COMMIT=verify \
  -t "$cuda_image" "$standin" >/dev/null || fail "building images/cuda/Dockerfile with stand-ins"
podman run --rm --network none --read-only --user 10001 "$cuda_image" --version >"$work/cuda-version.txt" \
  || fail "the cuda stand-in image does not start"
grep -q . "$work/cuda-version.txt" || fail "the cuda stand-in image printed no version"
phase "cuda stand-in"

# Drop leftover working containers and images no tag refers to any more (earlier builds); the layers of
# the current images stay as cache.
buildah rm --all >/dev/null 2>&1 || true
podman image prune -f >/dev/null 2>&1 || true
echo "verify.sh: OK in $(($(date +%s) - t0)) s (cache: $cache)" >&2
