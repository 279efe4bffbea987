#!/usr/bin/env bash
# Opt-in: builds Chaos Mesh's controller manager from its Go module for the local cluster, into a
# versioned cache outside the repository:
#   ~/.kubeapitest/chaos-mesh/<module version>/
#     chaos-controller-manager      cmd/chaos-controller-manager of github.com/chaos-mesh/chaos-mesh
#     crds/*.yaml                   every CRD of the module's config/crd/bases (copied, not committed)
#   ~/.kubeapitest/chaos-mesh/chaos-mesh.properties   which version folder the Java harness uses
# Not run by the Maven build (minutes on two cores); the tests that need it are skipped, with the
# command, while it is missing. Reused while the folder's stamp matches; MODELOPS_FORCE_GO_BUILD=1
# rebuilds. Environment: KUBEAPITEST_DIR (default ~/.kubeapitest).
#
# Why not `go install github.com/chaos-mesh/chaos-mesh/cmd/chaos-controller-manager@<version>`: the
# module's go.mod has replace directives (k8s.io/* pinned, and its own api module at ./api), which
# Go refuses in `go install mod@version`. So the module is copied and built in place. Its ./api
# folder is a module of its own and not part of the module's zip: the copy's replace points it at
# the published api module instead, whose checksums are pinned below.
set -euo pipefail

# Moving to a newer Chaos Mesh: `go list -m github.com/chaos-mesh/chaos-mesh@latest` and
# `go list -m github.com/chaos-mesh/chaos-mesh/api@latest`, then the api module's two go.sum lines
# (`go mod download -json github.com/chaos-mesh/chaos-mesh/api@<version>`: Sum and GoModSum).
module=github.com/chaos-mesh/chaos-mesh
version=v0.9.1-0.20260902003049-47411975a8cb
api_module=github.com/chaos-mesh/chaos-mesh/api
api_version=v0.0.0-20260906172039-d70b66ad97ac
api_sum=h1:S0DdfTajNItZdEKWKlZ199Z3rS9YMJvhSKQ/q9886Jw=
api_gomod_sum=h1:QKD7vetyO/mFOz2vt8Oe7mcECc+RIue0GUovcDeLqrw=

log() { printf '[chaos-mesh] %s\n' "$*" >&2; }

if ! command -v go >/dev/null 2>&1; then
  log "ERROR: the Go toolchain (go 1.25 or newer) is not on the PATH; it builds the controller."
  exit 2
fi

root="${KUBEAPITEST_DIR:-$HOME/.kubeapitest}"
home="$root/chaos-mesh"
out="$home/$version"
stamp_file="$out/.modelops-build-stamp"
stamp="$version $api_version $(go env GOVERSION) $(go env GOOS)/$(go env GOARCH)"

record() {
  mkdir -p "$home"
  {
    echo "# written by local-cluster/build-chaos-mesh.sh"
    echo "version=$version"
    echo "dir=$out"
  } >"$home/chaos-mesh.properties"
}

if [[ "${MODELOPS_FORCE_GO_BUILD:-0}" != 1 && -f "$stamp_file" && -x "$out/chaos-controller-manager" ]] \
  && [[ "$(cat "$stamp_file")" == "$stamp" ]]; then
  log "chaos-controller-manager ${version} cached in $out"
  record
  exit 0
fi

start=$SECONDS
log "downloading ${module}@${version}"
source_dir="$(go mod download -json "${module}@${version}" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')"
if [[ -z "$source_dir" || ! -d "$source_dir/cmd/chaos-controller-manager" ]]; then
  log "ERROR: ${module}@${version} has no cmd/chaos-controller-manager (module: '${source_dir}')"
  exit 2
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/chaos-mesh-build.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cp -r "$source_dir/." "$work/"
chmod -R u+w "$work"
(
  cd "$work"
  go mod edit -replace "${api_module}=${api_module}@${api_version}"
  printf '%s %s %s\n%s %s/go.mod %s\n' "$api_module" "$api_version" "$api_sum" \
    "$api_module" "$api_version" "$api_gomod_sum" >>go.sum
  mkdir -p "$out"
  rm -f "$stamp_file"
  log "building cmd/chaos-controller-manager with $(go env GOVERSION) into $out (about 10 minutes cold on 2 cores)"
  # go.sum (the module's own plus the pinned api lines) covers every dependency: never edit it.
  CGO_ENABLED=0 GOFLAGS="-mod=readonly -buildvcs=false" go build -trimpath \
    -ldflags "-s -w -X github.com/chaos-mesh/chaos-mesh/pkg/version.gitVersion=${version}" \
    -o "$out/chaos-controller-manager" ./cmd/chaos-controller-manager
)
rm -rf "$out/crds"
mkdir -p "$out/crds"
install -m 0644 "$source_dir"/config/crd/bases/*.yaml "$out/crds/"
printf '%s' "$stamp" >"$stamp_file"
record
log "chaos-controller-manager ${version} and $(find "$out/crds" -name '*.yaml' | wc -l) CRDs in $out ($((SECONDS - start)) s)"
