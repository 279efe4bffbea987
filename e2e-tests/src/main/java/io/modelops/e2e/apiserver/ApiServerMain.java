package io.modelops.e2e.apiserver;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs only the embedded API server with the CRDs installed, for trying kubectl against it: {@code
 * java ... ApiServerMain [port] [crd.yml] [kubeconfig]}.
 */
public final class ApiServerMain {

  private ApiServerMain() {}

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    Path crds = Path.of(args.length > 1 ? args[1] : "crds/modeldeployments.modelops.io-v1.yml");
    Path kubeconfig = Path.of(args.length > 2 ? args[2] : ".demo/kubeconfig");
    EmbeddedApiServer server = EmbeddedApiServer.start(port);
    server.installCrds(crds);
    server.writeKubeconfig(kubeconfig);
    System.out.println("API server at " + server.url() + ", kubeconfig " + kubeconfig);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.requests().snapshot().forEach((k, v) -> System.out.println(k + " " + v));
                  server.close();
                }));
    new CountDownLatch(1).await();
  }
}
