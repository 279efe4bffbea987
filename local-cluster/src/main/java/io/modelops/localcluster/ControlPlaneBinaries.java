package io.modelops.localcluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * Where the control-plane binaries built from Go modules live, as {@code build.sh} recorded it in
 * {@code modelops-control-plane.properties} on the class path.
 *
 * @param root the kube-api-test folder ({@code ~/.kubeapitest}); it also holds the certificates
 * @param bin the versioned folder holding the binaries ({@code <root>/k8s/1.36.3-linux-amd64})
 * @param kubeVersion the Kubernetes release without {@code v} ({@code 1.36.3})
 * @param etcdVersion etcd's module version
 * @param helmVersion helm's module version
 * @param gatewayApi the folder holding the Gateway API standard-channel CRDs ({@code
 *     <bin>/gateway-api}); {@code null} when {@code build.sh} did not record one
 */
public record ControlPlaneBinaries(
    Path root,
    Path bin,
    String kubeVersion,
    String etcdVersion,
    String helmVersion,
    Path gatewayApi) {

  /** The resource {@code build.sh} writes. */
  public static final String RESOURCE = "modelops-control-plane.properties";

  private static final List<String> REQUIRED =
      List.of(
          "etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kubectl", "helm");

  /** Reads the recorded location and checks every binary is there. */
  public static ControlPlaneBinaries load() {
    Properties p = new Properties();
    try (InputStream in =
        ControlPlaneBinaries.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            RESOURCE
                + " is not on the class path: the control plane was not built. Run"
                + " ./mvnw -B -pl local-cluster install (needs Go 1.26+; see local-cluster/README.md)");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var binaries =
        new ControlPlaneBinaries(
            Path.of(p.getProperty("root")),
            Path.of(p.getProperty("bin")),
            p.getProperty("kube.version"),
            p.getProperty("etcd.version"),
            p.getProperty("helm.version"),
            p.getProperty("gateway.api.dir") == null
                ? null
                : Path.of(p.getProperty("gateway.api.dir")));
    for (String name : REQUIRED) {
      if (!Files.isExecutable(binaries.binary(name))) {
        throw new IllegalStateException(
            binaries.binary(name)
                + " is missing: rebuild with bash local-cluster/build.sh (needs Go 1.26+)");
      }
    }
    return binaries;
  }

  /**
   * The Gateway API standard-channel CRD files ({@code *.yaml}, one CRD each, sorted by name) that
   * {@code build.sh} copied from the pinned {@code sigs.k8s.io/gateway-api} module.
   */
  public List<Path> gatewayApiCrds() {
    if (gatewayApi == null || !Files.isDirectory(gatewayApi)) {
      throw new IllegalStateException(
          "the Gateway API CRDs are missing ("
              + gatewayApi
              + "): rebuild with bash local-cluster/build.sh (needs Go 1.26+)");
    }
    try (var files = Files.list(gatewayApi)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The path of one binary ({@code kubectl}, {@code helm}, ...). */
  public Path binary(String name) {
    return bin.resolve(name);
  }
}
