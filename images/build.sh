#!/usr/bin/env bash
# Builds the repal stage image: images/build.sh cpu|cuda [--base IMAGE] [--tag TAG] [--skip-maven]
#
#  1. packages the app (mvn package -DskipTests; -Pcuda for cuda) into workflows/target/{repal.jar,lib/},
#  2. stages the build context in workflows/target/image-<variant>/ (native/, lib/, app/: see
#     images/cpu/Dockerfile),
#  3. builds images/<variant>/Dockerfile with buildah if present, else podman, else docker, passing the
#     build args BASE (only with --base), VERSION (the Maven version), GIT_COMMIT and SOURCE.
#
# Environment: MAVEN_ARGS adds Maven options (e.g. -o); BUILD_ARGS adds options to the image builder
# (e.g. "--build-arg JRE_IMAGE=..."). Storage/isolation of buildah and podman come from their usual
# configuration (CONTAINERS_STORAGE_CONF, CONTAINERS_CONF, BUILDAH_ISOLATION): see images/verify.sh.
# Prints the built image's tag as the last line of stdout.
set -euo pipefail

usage() {
  cat >&2 <<'USAGE'
usage: images/build.sh cpu|cuda [--base IMAGE] [--tag TAG] [--skip-maven]
  cpu|cuda      which image: ND4J CPU backend (images/cpu) or CUDA 11.6 backend (images/cuda, mvn -Pcuda)
  --base IMAGE  base image (build arg BASE), e.g. oci:/path/to/layout:tag; default: the Dockerfile's
  --tag TAG     image name:tag; default repal:<version>-<variant>
  --skip-maven  use the existing workflows/target/repal.jar and lib/ (must be built for this variant)
USAGE
  exit 2
}

variant=""
base=""
tag=""
skip_maven=false
while [ $# -gt 0 ]; do
  case "$1" in
    cpu | cuda)
      [ -z "$variant" ] || { echo "build.sh: variant given twice ($variant, $1)" >&2; usage; }
      variant=$1 ;;
    --base) [ $# -ge 2 ] && [ -n "$2" ] || { echo "build.sh: --base needs an image" >&2; usage; }; base=$2; shift ;;
    --tag) [ $# -ge 2 ] && [ -n "$2" ] || { echo "build.sh: --tag needs a name:tag" >&2; usage; }; tag=$2; shift ;;
    --skip-maven) skip_maven=true ;;
    -h | --help) usage ;;
    *) echo "build.sh: unknown argument: $1" >&2; usage ;;
  esac
  shift
done
[ -n "$variant" ] || { echo "build.sh: missing the variant (cpu or cuda)" >&2; usage; }

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
target=workflows/target

if command -v buildah >/dev/null 2>&1; then builder=buildah
elif command -v podman >/dev/null 2>&1; then builder=podman
elif command -v docker >/dev/null 2>&1; then builder=docker
else echo "build.sh: no image builder found (buildah, podman or docker)" >&2; exit 1
fi
command -v unzip >/dev/null 2>&1 || { echo "build.sh: unzip is needed to unpack the native libraries" >&2; exit 1; }

# 1. The app. copy-dependencies never deletes, so a lib/ left by the other backend would mix both.
if ! $skip_maven; then
  profile=()
  [ "$variant" = cuda ] && profile=(-Pcuda)
  rm -rf "$target/lib"
  echo "build.sh: mvn package ${profile[*]:-} (tests skipped)" >&2
  # shellcheck disable=SC2086  # MAVEN_ARGS is a list of options
  mvn -B -q ${MAVEN_ARGS:-} "${profile[@]}" package -DskipTests >&2
fi
[ -f "$target/repal.jar" ] && [ -d "$target/lib" ] \
  || { echo "build.sh: $target/repal.jar or $target/lib/ missing: run without --skip-maven" >&2; exit 1; }
has() { compgen -G "$target/lib/$1" >/dev/null; }
case "$variant" in
  cpu) has 'nd4j-native-[0-9]*.jar' && ! has 'nd4j-cuda-*.jar' \
         || { echo "build.sh: $target/lib/ is not a CPU build (needs nd4j-native, no nd4j-cuda): run without --skip-maven" >&2; exit 1; } ;;
  cuda) has 'nd4j-cuda-*.jar' && ! has 'nd4j-native-[0-9]*.jar' \
         || { echo "build.sh: $target/lib/ is not a CUDA build (needs nd4j-cuda, no nd4j-native): run without --skip-maven" >&2; exit 1; } ;;
esac

# 2. The build context. Hard links where the file system allows, so staging costs no copy.
ctx="$target/image-$variant"
rm -rf "$ctx"
mkdir -p "$ctx/native" "$ctx/lib" "$ctx/app/lib"
link() { ln "$1" "$2" 2>/dev/null || cp -p "$1" "$2"; }
for jar in "$target"/lib/*.jar; do
  case "$(basename "$jar")" in
    repal-*) link "$jar" "$ctx/app/lib/" ;;
    *) link "$jar" "$ctx/lib/" ;;
  esac
done
link "$target/repal.jar" "$ctx/app/repal.jar"
# The launcher's argument file (JVM flags, class path, main class): the ENTRYPOINT and Argo's command use it.
cp "$repo/images/$variant/repal.args" "$ctx/app/repal.args"
# The linux-x86_64 shared libraries of every native jar, flat in native/ (loaded from there at run time,
# see the ENTRYPOINT's comment). Two jars shipping the same file name would shadow each other: refuse.
for jar in "$ctx"/lib/*.jar; do
  entries=$(unzip -Z1 "$jar" | grep -E '/linux-x86_64/[^/]+\.so(\.[0-9]+)*$' || true)
  [ -n "$entries" ] || continue
  while IFS= read -r entry; do
    name=$(basename "$entry")
    if [ -e "$ctx/native/$name" ]; then
      echo "build.sh: $name is in two native jars (the second: $(basename "$jar")); cannot flatten them" >&2
      exit 1
    fi
    unzip -q -j -o "$jar" "$entry" -d "$ctx/native"
  done <<<"$entries"
done
[ -n "$(ls -A "$ctx/native")" ] || { echo "build.sh: no linux-x86_64 native libraries found in $target/lib/" >&2; exit 1; }
chmod -R a+rX "$ctx"

# 3. The image.
version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -1)
[ -n "$version" ] || { echo "build.sh: could not read the project version from pom.xml" >&2; exit 1; }
commit=unknown
source_url=unknown
if git rev-parse --git-dir >/dev/null 2>&1; then
  commit=$(git rev-parse HEAD)
  # A build from uncommitted sources must not pass for the commit.
  [ -z "$(git status --porcelain --untracked-files=no)" ] || commit="$commit-dirty"
  source_url=$(git config --get remote.origin.url || echo unknown)
fi
[ -n "$tag" ] || tag="repal:$version-$variant"
args=(--build-arg "VERSION=$version" --build-arg "GIT_COMMIT=$commit" --build-arg "SOURCE=$source_url")
[ -z "$base" ] || args+=(--build-arg "BASE=$base")
# buildah squashes all steps into one layer unless told otherwise; one layer per step keeps rebuilds cheap.
[ "$builder" = buildah ] && args+=(--layers)
echo "build.sh: $builder build images/$variant/Dockerfile -> $tag" >&2
# shellcheck disable=SC2086  # BUILD_ARGS is a list of options
"$builder" build "${args[@]}" ${BUILD_ARGS:-} -f "images/$variant/Dockerfile" -t "$tag" "$ctx" >&2
echo "$tag"
