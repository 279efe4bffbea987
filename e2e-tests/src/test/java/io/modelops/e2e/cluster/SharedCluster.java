package io.modelops.e2e.cluster;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.modelops.localcluster.kubelet.NetworkMode;
import io.modelops.localcluster.kubelet.ProcessKubelet;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One local cluster for every {@code *E2E} class of this JVM run: starting it (control plane,
 * nodes, the operator from the chart) takes about a minute on two cores, so the scenario classes
 * share it and each works in its own namespace or on its own ModelDeployments. It is closed when
 * the JUnit run ends (root store). A class asks for it with
 * {@code @ExtendWith(SharedCluster.class)} and reads it with {@link #cluster()} in its own
 * {@code @BeforeAll}.
 */
final class SharedCluster implements BeforeAllCallback {

  static final Path REPO =
      Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();

  private static volatile ModelOpsCluster current;

  /** The run's cluster (after this extension's beforeAll). */
  static ModelOpsCluster cluster() {
    return current;
  }

  /** Starts the run's cluster on first use; skips (with the reason) where it cannot run. */
  @Override
  public void beforeAll(ExtensionContext context) {
    var unsupported = ProcessKubelet.unsupportedReason();
    assumeTrue(unsupported.isEmpty(), () -> "the local cluster cannot run here: " + unsupported);
    assumeTrue(
        NetworkMode.current() == NetworkMode.NAMESPACES,
        "the scenarios assume pods in network namespaces (root): in shared-address mode the"
            + " operator's metric reads and drill faults cannot reach a pod (docs/local-cluster.md)");
    current =
        context
            .getRoot()
            .getStore(ExtensionContext.Namespace.GLOBAL)
            .getOrComputeIfAbsent(
                Holder.class,
                k ->
                    new Holder(
                        ModelOpsCluster.start(
                            REPO, Path.of("target/local-cluster-e2e"), System.out::println)),
                Holder.class)
            .cluster();
  }

  private record Holder(ModelOpsCluster cluster) implements AutoCloseable {
    @Override
    public void close() {
      cluster.close();
    }
  }
}
