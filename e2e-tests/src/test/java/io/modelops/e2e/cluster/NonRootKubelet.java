package io.modelops.e2e.cluster;

import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A process kubelet in a JVM of its own that runs as an unprivileged user ({@code nobody}, uid
 * 65534, through {@code setpriv}), so its shared-address mode is the one a non-root user gets, not
 * a forced one. It authenticates with a ServiceAccount token bound to {@code cluster-admin} (the
 * admin kubeconfig's files are root's), and its class path is linked into its work folder (the
 * local Maven repository under root's home is not readable by others).
 */
final class NonRootKubelet implements AutoCloseable {

  static final long UID = 65534;
  private static final String ACCOUNT = "shared-address-kubelet";

  private final Process process;
  private final Path log;
  private final KubernetesClient admin;

  private NonRootKubelet(Process process, Path log, KubernetesClient admin) {
    this.process = process;
    this.log = log;
    this.admin = admin;
  }

  /** Starts the kubelet of node {@code node} with its files under {@code workDir}. */
  static NonRootKubelet start(KubernetesClient admin, Path repo, Path workDir, String node) {
    try {
      Files.createDirectories(workDir);
      Path links = workDir.resolve("classpath");
      removeLinks(links);
      Path kubeconfig = workDir.resolve("kubeconfig");
      Files.writeString(kubeconfig, kubeconfig(admin));
      Files.setPosixFilePermissions(
          kubeconfig, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
      // Before the class path is linked: its links share their files with the Maven repository,
      // whose owner must stay as it is.
      run("chown", "-R", UID + ":" + UID, workDir.toString());
      String classPath = classPath(links);
      Path log = workDir.resolve("kubelet.log");
      var command =
          List.of(
              "setpriv",
              "--reuid=" + UID,
              "--regid=" + UID,
              "--clear-groups",
              "--",
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-XX:TieredStopAtLevel=1",
              "-cp",
              classPath,
              SharedAddressKubeletMain.class.getName(),
              kubeconfig.toString(),
              repo.toString(),
              workDir.toString(),
              node);
      var builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.redirectOutput(log.toFile());
      builder.environment().put("HOME", workDir.toString());
      builder.environment().remove("LOCALCLUSTER_NETWORK");
      return new NonRootKubelet(builder.start(), log, admin);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String kubeconfig(KubernetesClient admin) throws IOException {
    admin
        .serviceAccounts()
        .inNamespace("kube-system")
        .resource(
            new ServiceAccountBuilder()
                .withNewMetadata()
                .withName(ACCOUNT)
                .withNamespace("kube-system")
                .endMetadata()
                .build())
        .createOr(existing -> existing.update());
    admin
        .rbac()
        .clusterRoleBindings()
        .resource(
            new ClusterRoleBindingBuilder()
                .withNewMetadata()
                .withName(ACCOUNT)
                .endMetadata()
                .withNewRoleRef()
                .withApiGroup("rbac.authorization.k8s.io")
                .withKind("ClusterRole")
                .withName("cluster-admin")
                .endRoleRef()
                .addNewSubject()
                .withKind("ServiceAccount")
                .withName(ACCOUNT)
                .withNamespace("kube-system")
                .endSubject()
                .build())
        .createOr(existing -> existing.update());
    String token =
        admin
            .serviceAccounts()
            .inNamespace("kube-system")
            .withName(ACCOUNT)
            .tokenRequest(
                new TokenRequestBuilder()
                    .withNewSpec()
                    .withExpirationSeconds(3600L)
                    .endSpec()
                    .build())
            .getStatus()
            .getToken();
    var cfg = admin.getConfiguration();
    byte[] ca =
        cfg.getCaCertData() != null
            ? Base64.getDecoder().decode(cfg.getCaCertData())
            : Files.readAllBytes(Path.of(cfg.getCaCertFile()));
    return String.join(
        "\n",
        "apiVersion: v1",
        "kind: Config",
        "clusters:",
        "- name: local",
        "  cluster:",
        "    server: " + admin.getMasterUrl().toString().replaceAll("/$", ""),
        "    certificate-authority-data: " + Base64.getEncoder().encodeToString(ca),
        "users:",
        "- name: kubelet",
        "  user:",
        "    token: " + token,
        "contexts:",
        "- name: local",
        "  context:",
        "    cluster: local",
        "    user: kubelet",
        "current-context: local",
        "");
  }

  /** This JVM's test class path, jars under root's home linked into {@code dir}. */
  private static String classPath(Path dir) throws IOException {
    String full =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Files.createDirectories(dir);
    List<String> entries = new ArrayList<>();
    int n = 0;
    for (String entry : full.split(java.io.File.pathSeparator)) {
      Path path = Path.of(entry).toAbsolutePath();
      if (!path.startsWith(System.getProperty("user.home")) || !Files.isRegularFile(path)) {
        entries.add(path.toString());
        continue;
      }
      Path link = dir.resolve((n++) + "-" + path.getFileName());
      Files.deleteIfExists(link);
      try {
        Files.createLink(link, path);
      } catch (IOException | UnsupportedOperationException e) {
        Files.copy(path, link);
      }
      entries.add(link.toString());
    }
    return String.join(java.io.File.pathSeparator, entries);
  }

  private static void removeLinks(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (var files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.delete(f);
      }
    }
    Files.delete(dir);
  }

  private static void run(String... command) throws IOException {
    try {
      var p = new ProcessBuilder(command).inheritIO().start();
      if (p.waitFor() != 0) {
        throw new IOException(String.join(" ", command) + " failed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /** What the kubelet printed (for a failure message). */
  String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  boolean alive() {
    return process.isAlive();
  }

  /** SIGTERM (the kubelet closes: every pod process stops), SIGKILL after 30 s. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    admin.rbac().clusterRoleBindings().withName(ACCOUNT).delete();
    admin.serviceAccounts().inNamespace("kube-system").withName(ACCOUNT).delete();
  }
}
