// Wrapper module: pins the Gateway API release whose standard-channel CRDs (config/crd/standard)
// ../build.sh copies next to the binaries for LocalControlPlane.installGatewayApi(). Nothing is
// built from it. v1.7.0 needs go 1.27; stay on v1.6.x while the toolchain is 1.26.
module modelops.io/local-cluster/gateway-api

go 1.26.0

require sigs.k8s.io/gateway-api v1.6.3 // indirect
