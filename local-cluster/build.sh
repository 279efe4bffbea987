#!/usr/bin/env bash
# Builds the local control plane from Go modules into a versioned cache outside the repository:
#   ~/.kubeapitest/k8s/<k8s version>-linux-amd64/
#     kube-apiserver kube-controller-manager kube-scheduler kubectl   (control-plane/go.mod)
#     etcd                                                             (etcd/go.mod)
#     helm                                                             (tools/go.mod)
#     prometheus promtool                                              (prometheus/go.mod)
#     gateway-api/*.yaml  Gateway API standard-channel CRDs, downloaded (gateway-api/go.mod)
# The layout is the one io.fabric8:kube-api-test reads in offline mode. The folder is reused
# while a stamp (a hash of the wrapper modules' go.mod and go.sum) matches, and rebuilt
# when any pinned version changes. The Gateway API CRDs have a stamp of their own (nothing is built
# from them, and a new Gateway API release must not rebuild the binaries). Run by the Maven build (local-cluster module); runs alone too.
#
# Usage: build.sh [properties-file]  (writes where the binaries are, for the Java harness)
# Environment: KUBEAPITEST_DIR (default ~/.kubeapitest), MODELOPS_FORCE_GO_BUILD=1 to rebuild.
set -euo pipefail
properties="${1:-}"
here="$(cd "$(dirname "$0")" && pwd)"

log() { printf '[local-cluster] %s\n' "$*" >&2; }

if ! command -v go >/dev/null 2>&1; then
  log "ERROR: the Go toolchain (go 1.26 or newer) is not on the PATH."
  log "It is needed to build kube-apiserver, kube-controller-manager, kube-scheduler, kubectl,"
  log "etcd, helm, prometheus and promtool from their Go modules for the real-API tests (*IT in"
  log "local-cluster, crds, operator). Install Go 1.26+ (https://go.dev/doc/install), or skip"
  log "the whole build step with -Dlocal-cluster.skip=true (the real-API tests then fail)."
  exit 2
fi

module_version() { # <go.mod> <module path>: the version a wrapper requires
  awk -v m="$2" '$1 == "require" && $2 == m {print $3} $1 == m && $2 ~ /^v/ {print $2}' "$1" | head -1
}

kube_tag="$(module_version "$here/control-plane/go.mod" k8s.io/kubernetes)"
etcd_tag="$(module_version "$here/etcd/go.mod" go.etcd.io/etcd/server/v3)"
helm_tag="$(module_version "$here/tools/go.mod" helm.sh/helm/v3)"
prom_tag="$(module_version "$here/prometheus/go.mod" github.com/prometheus/prometheus)"
gateway_tag="$(module_version "$here/gateway-api/go.mod" sigs.k8s.io/gateway-api)"
if [[ -z "$kube_tag" || -z "$etcd_tag" || -z "$helm_tag" || -z "$prom_tag" || -z "$gateway_tag" ]]; then
  log "ERROR: could not read the pinned versions from the wrapper go.mod files"
  exit 2
fi
kube_version="${kube_tag#v}"
# Prometheus 3.X.Y is published as module version v0.3XX.Y.
prom_minor_patch="${prom_tag#v0.3}"
prom_release="3.${prom_minor_patch}"
kube_minor="$(cut -d. -f2 <<<"$kube_version")"
goos="$(go env GOOS)"
goarch="$(go env GOARCH)"
root="${KUBEAPITEST_DIR:-$HOME/.kubeapitest}"
out="$root/k8s/${kube_version}-${goos}-${goarch}"
stamp_file="$out/.modelops-build-stamp"
stamp="$(cat "$here"/{control-plane,etcd,tools,prometheus}/go.{mod,sum} | sha256sum | cut -d' ' -f1) $(go env GOVERSION)"
gateway_dir="$out/gateway-api"
gateway_stamp="$(cat "$here"/gateway-api/go.{mod,sum} | sha256sum | cut -d' ' -f1)"
binaries=(kube-apiserver kube-controller-manager kube-scheduler kubectl etcd helm prometheus promtool)

complete() {
  [[ -f "$stamp_file" && "$(cat "$stamp_file")" == "$stamp" ]] || return 1
  for b in "${binaries[@]}"; do [[ -x "$out/$b" ]] || return 1; done
}

record() {
  [[ -n "$properties" ]] || return 0
  mkdir -p "$(dirname "$properties")"
  {
    echo "root=$root"
    echo "bin=$out"
    echo "kube.version=$kube_version"
    echo "etcd.version=$etcd_tag"
    echo "helm.version=$helm_tag"
    echo "prometheus.version=$prom_tag"
    echo "gateway.api.version=$gateway_tag"
    echo "gateway.api.dir=$gateway_dir"
  } >"$properties"
}

gateway_api() { # the standard-channel CRDs of the pinned Gateway API release, into $gateway_dir
  local stamp_path="$gateway_dir/.modelops-gateway-api-stamp" module f
  if [[ "${MODELOPS_FORCE_GO_BUILD:-0}" != 1 && -f "$stamp_path" ]] \
    && [[ "$(cat "$stamp_path")" == "$gateway_stamp" ]]; then
    return 0
  fi
  log "downloading the Gateway API ${gateway_tag} CRDs into $gateway_dir"
  # In the wrapper, so go.sum checks the download; nothing is built.
  module="$(cd "$here/gateway-api" && GOFLAGS=-mod=readonly go mod download -json \
    "sigs.k8s.io/gateway-api@${gateway_tag}" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')"
  if [[ -z "$module" || ! -d "$module/config/crd/standard" ]]; then
    log "ERROR: sigs.k8s.io/gateway-api@${gateway_tag} has no config/crd/standard (module: '${module}')"
    exit 2
  fi
  rm -rf "$gateway_dir"
  mkdir -p "$gateway_dir"
  # Only the CustomResourceDefinitions (the channel also holds a ValidatingAdmissionPolicy).
  for f in "$module"/config/crd/standard/*.yaml; do
    if grep -q '^kind: CustomResourceDefinition' "$f"; then
      install -m 0644 "$f" "$gateway_dir/"
    fi
  done
  printf '%s' "$gateway_stamp" >"$stamp_path"
  log "Gateway API ${gateway_tag}: $(find "$gateway_dir" -name '*.yaml' | wc -l) CRDs in $gateway_dir"
}

if [[ "${MODELOPS_FORCE_GO_BUILD:-0}" != 1 ]] && complete; then
  log "control plane ${kube_tag} (etcd ${etcd_tag}, helm ${helm_tag}, prometheus ${prom_tag}) cached in $out"
  gateway_api
  record
  exit 0
fi

log "building the control plane with $(go env GOVERSION) into $out (minutes when cold; cached after)"
mkdir -p "$out"
rm -f "$stamp_file"
export CGO_ENABLED=0
# The committed go.sum files pin every dependency; never let a build edit them.
export GOFLAGS="-mod=readonly ${GOFLAGS:-}"

timed() { # <label> <command...>
  local start=$SECONDS
  log "building $1 ..."
  "${@:2}"
  log "built $1 in $((SECONDS - start)) s"
}

version_flags() { # ldflags stamping both version packages, so /version reports the release
  local flags="-s -w" pkg
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    flags+=" -X ${pkg}.gitVersion=${kube_tag} -X ${pkg}.gitMajor=1 -X ${pkg}.gitMinor=${kube_minor}"
    flags+=" -X ${pkg}.gitTreeState=clean -X ${pkg}.buildDate=1970-01-01T00:00:00Z"
  done
  printf '%s' "$flags"
}

total=$SECONDS
(
  cd "$here/control-plane"
  timed "kube-apiserver, kube-controller-manager, kube-scheduler, kubectl ${kube_tag}" \
    go build -trimpath -ldflags "$(version_flags)" -o "$out/" \
    k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager \
    k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kubectl
)
(
  cd "$here/etcd"
  timed "etcd ${etcd_tag}" go build -trimpath -ldflags "-s -w" -o "$out/etcd" go.etcd.io/etcd/server/v3
)
(
  cd "$here/tools"
  timed "helm ${helm_tag}" go build -trimpath \
    -ldflags "-s -w -X helm.sh/helm/v3/internal/version.version=${helm_tag}" \
    -o "$out/helm" helm.sh/helm/v3/cmd/helm
)
(
  cd "$here/prometheus"
  timed "prometheus and promtool ${prom_tag}" go build -trimpath \
    -ldflags "-s -w -X github.com/prometheus/common/version.Version=${prom_release}" \
    -o "$out/" github.com/prometheus/prometheus/cmd/prometheus github.com/prometheus/prometheus/cmd/promtool
)
printf '%s' "$stamp" >"$stamp_file"
gateway_api
record
log "control plane ready in $out ($((SECONDS - total)) s; $(du -sh "$out" | cut -f1))"
