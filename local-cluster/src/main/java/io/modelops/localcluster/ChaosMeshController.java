package io.modelops.localcluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chaos Mesh's own controller manager on a {@link LocalControlPlane}: the program built from the
 * {@code github.com/chaos-mesh/chaos-mesh} Go module by {@code local-cluster/build-chaos-mesh.sh}
 * (opt-in, not part of the Maven build), with every CRD of that module installed. Only the PodChaos
 * pipeline runs (see {@link #enabledControllers}); without {@code chaos-daemon} only the faults the
 * controller does through the API work, such as PodChaos {@code pod-kill}.
 *
 * <p>Run as a child process with the admin kubeconfig, leader election off, metrics and the webhook
 * server on free loopback ports. No webhook is registered with the API server, so Chaos Mesh's
 * admission (defaulting, validation) does not run; the webhook server starts anyway (the program
 * always serves its authorization webhook) and gets kube-api-test's serving certificate. Its log is
 * {@code <workDir>/chaos-controller-manager.log}.
 */
public final class ChaosMeshController implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ChaosMeshController.class);

  /** Written by the build script beside the version folders: {@code version=}, {@code dir=}. */
  public static final String PROPERTIES = "chaos-mesh.properties";

  /** The command that builds it (from the repository root). */
  public static final String BUILD_COMMAND = "bash local-cluster/build-chaos-mesh.sh";

  /** The chaos kinds whose pipeline runs: the ones that need no {@code chaos-daemon}. */
  static final List<String> KINDS = List.of("podchaos");

  private static final List<String> STEPS =
      List.of("initFinalizers", "desiredphase", "condition", "cleanFinalizers");

  private final Install install;
  private final ComponentProcess process;

  private ChaosMeshController(Install install, ComponentProcess process) {
    this.install = install;
    this.process = process;
  }

  /**
   * One build: the version folder holding {@code chaos-controller-manager} and {@code crds/}.
   *
   * @param version the Go module version it was built from
   * @param dir {@code <root>/chaos-mesh/<version>}
   */
  public record Install(String version, Path dir) {

    public Path binary() {
      return dir.resolve("chaos-controller-manager");
    }

    /** Every CRD file of the module's {@code config/crd/bases}, sorted by name. */
    public List<Path> crds() {
      try (var files = Files.list(dir.resolve("crds"))) {
        return files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * Why the build recorded under {@code root} (kube-api-test's folder, {@link
   * ControlPlaneBinaries#root()}) cannot be used, or empty when it can.
   */
  public static Optional<String> unavailableReason(Path root) {
    try {
      find(root);
      return Optional.empty();
    } catch (IllegalStateException e) {
      return Optional.of(e.getMessage());
    }
  }

  /** The build recorded under {@code root}; fails, saying how to build it, when there is none. */
  public static Install find(Path root) {
    Path file = root.resolve("chaos-mesh").resolve(PROPERTIES);
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(
          file + " is missing: Chaos Mesh was not built (" + BUILD_COMMAND + ")");
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var install = new Install(p.getProperty("version"), Path.of(p.getProperty("dir")));
    if (!Files.isExecutable(install.binary())
        || !Files.isDirectory(install.dir().resolve("crds"))) {
      throw new IllegalStateException(
          install.binary() + " or its crds/ is missing: rebuild with " + BUILD_COMMAND);
    }
    return install;
  }

  /**
   * Installs the build's CRDs on {@code plane} and starts the controller manager against it;
   * returns once its webhook server listens (the manager has started).
   */
  public static ChaosMeshController start(LocalControlPlane plane, Install install, Path workDir) {
    long start = System.nanoTime();
    plane.installCrds(install.crds());
    Path certs = workDir.toAbsolutePath().resolve("chaos-mesh-certs");
    Path kubeApiTest = plane.binaries().root();
    try {
      Files.createDirectories(certs);
      Files.copy(
          kubeApiTest.resolve("apiserver.crt"),
          certs.resolve("tls.crt"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.copy(
          kubeApiTest.resolve("apiserver.key"),
          certs.resolve("tls.key"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int webhookPort = FreePorts.next();
    Map<String, String> env =
        Map.of(
            "ENABLE_LEADER_ELECTION",
            "false",
            "ENABLED_CONTROLLERS",
            enabledControllers(install.crds()),
            "ENABLED_WEBHOOKS",
            "",
            "CERTS_DIR",
            certs.toString(),
            "WEBHOOK_HOST",
            "127.0.0.1",
            "WEBHOOK_PORT",
            Integer.toString(webhookPort),
            "METRICS_HOST",
            "127.0.0.1",
            "METRICS_PORT",
            Integer.toString(FreePorts.next()));
    var process =
        ComponentProcess.start(
            "chaos-controller-manager",
            install.binary(),
            List.of("--kubeconfig=" + plane.kubeconfig()),
            env,
            webhookPort,
            workDir.toAbsolutePath());
    var controller = new ChaosMeshController(install, process);
    try {
      process.awaitServing(Duration.ofSeconds(60));
    } catch (RuntimeException e) {
      controller.close();
      throw e;
    }
    LOG.info(
        "Chaos Mesh controller manager {} up in {} ms ({} CRDs)",
        install.version(),
        (System.nanoTime() - start) / 1_000_000,
        install.crds().size());
    return controller;
  }

  /**
   * {@code ENABLED_CONTROLLERS} for the PodChaos pipeline alone. Chaos Mesh sets up one pipeline
   * per chaos kind, in an order that changes from run to run, and stops setting up the rest at the
   * first kind whose {@code <kind>-records} controller is not enabled; so every kind's {@code
   * -records} is listed (one per CRD, named after its plural: a pipeline with no step enabled does
   * nothing), and the steps only for {@link #KINDS}.
   */
  static String enabledControllers(List<Path> crds) {
    List<String> names = new ArrayList<>();
    for (Path crd : crds) {
      String file = crd.getFileName().toString();
      names.add(
          file.substring("chaos-mesh.org_".length(), file.length() - ".yaml".length())
              + "-records");
    }
    for (String kind : KINDS) {
      STEPS.forEach(step -> names.add(kind + "-" + step));
    }
    return String.join(",", names);
  }

  public Install install() {
    return install;
  }

  /**
   * The {@code status} of the condition {@code type} ({@code AllInjected}, {@code AllRecovered},
   * ...) that Chaos Mesh wrote on a chaos object, or null while there is none (or no object).
   */
  public static String condition(GenericKubernetesResource chaos, String type) {
    if (chaos == null
        || !(chaos.getAdditionalProperties().get("status") instanceof Map<?, ?> status)
        || !(status.get("conditions") instanceof List<?> conditions)) {
      return null;
    }
    return conditions.stream()
        .map(c -> (Map<?, ?>) c)
        .filter(c -> type.equals(c.get("type")))
        .map(c -> String.valueOf(c.get("status")))
        .findFirst()
        .orElse(null);
  }

  /** Stops the controller manager (SIGTERM, then SIGKILL after 10 s); the CRDs stay. */
  @Override
  public void close() {
    process.stop();
  }
}
