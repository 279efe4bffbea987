package io.modelops.e2e.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.modelops.localcluster.kubelet.NodeSpec;
import io.modelops.localcluster.kubelet.ProcessKubelet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A process kubelet on its own, for {@link NonRootKubelet} to start as an unprivileged user: it
 * chooses its network mode as any kubelet does (shared-address, since it is not root), registers
 * one node of one pod and runs until SIGTERM, which closes it (every pod process stops).
 *
 * <p>Arguments: kubeconfig, repository root, work folder, node name.
 */
public final class SharedAddressKubeletMain {

  private SharedAddressKubeletMain() {}

  public static void main(String[] args) throws Exception {
    var config = Config.fromKubeconfig(Files.readString(Path.of(args[0])));
    var client = new KubernetesClientBuilder().withConfig(config).build();
    var kubelet =
        ProcessKubelet.start(
            client,
            new ProcessKubelet.Config(
                List.of(new NodeSpec(args[3], "2", "4Gi", 1, 0, null, Map.of())),
                ProjectImages.catalog(Path.of(args[1])),
                Path.of(args[2])));
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  kubelet.close();
                  client.close();
                }));
    System.out.println(
        "kubelet up as uid "
            + new com.sun.security.auth.module.UnixSystem().getUid()
            + ": "
            + kubelet.networkSummary());
    Thread.currentThread().join();
  }
}
