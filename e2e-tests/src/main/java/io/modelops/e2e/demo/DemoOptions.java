package io.modelops.e2e.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Settings of the local demo, from system properties.
 *
 * @param repo repository root ({@code demo.repo}; default: found by walking up from the working
 *     directory to the folder holding {@code crds/})
 * @param port API server port ({@code demo.port}, default 17070; 0 = a free port)
 * @param dir where the kubeconfig, logs and caches go ({@code demo.dir}, default {@code .demo})
 * @param examples files applied at start ({@code demo.examples}, comma-separated, relative to the
 *     repository)
 * @param namespace namespace the examples go to ({@code demo.namespace}, default {@code default})
 * @param realProcesses whether pods run as real inference-runtime processes ({@code
 *     demo.runtime=process}, the default) or are only marked ready ({@code demo.runtime=fake})
 * @param exitAfter stop by itself after this long ({@code demo.exitAfter} in seconds; 0 = run until
 *     Ctrl-C)
 * @param readyTimeout how long to wait for the examples to become Ready ({@code demo.readyTimeout}
 *     seconds, default 120)
 */
public record DemoOptions(
    Path repo,
    int port,
    Path dir,
    List<Path> examples,
    String namespace,
    boolean realProcesses,
    Duration exitAfter,
    Duration readyTimeout) {

  static final String CRD_FILE = "crds/modeldeployments.modelops.io-v1.yml";

  /** A model served from a file (becomes Ready) and one from a missing claim (Degraded). */
  static final String DEFAULT_EXAMPLES = "examples/ctr-ranker.yaml,examples/ctr-ranker-pvc.yaml";

  /** Reads the options from system properties. */
  public static DemoOptions fromSystemProperties() {
    Path repo =
        Path.of(System.getProperty("demo.repo", findRepo().toString()))
            .toAbsolutePath()
            .normalize();
    String runtime = System.getProperty("demo.runtime", "process");
    if (!runtime.equals("process") && !runtime.equals("fake")) {
      throw new IllegalArgumentException(
          "demo.runtime must be 'process' or 'fake', not '" + runtime + "'");
    }
    List<Path> examples =
        Arrays.stream(System.getProperty("demo.examples", DEFAULT_EXAMPLES).split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .map(repo::resolve)
            .toList();
    for (Path p : examples) {
      if (!Files.isRegularFile(p)) {
        throw new IllegalArgumentException("demo.examples: no such file " + p);
      }
    }
    return new DemoOptions(
        repo,
        intProperty("demo.port", 17070),
        repo.resolve(System.getProperty("demo.dir", ".demo")),
        examples,
        System.getProperty("demo.namespace", "default"),
        runtime.equals("process"),
        Duration.ofSeconds(intProperty("demo.exitAfter", 0)),
        Duration.ofSeconds(intProperty("demo.readyTimeout", 120)));
  }

  private static int intProperty(String name, int defaultValue) {
    String v = System.getProperty(name, "").trim();
    if (v.isEmpty()) {
      return defaultValue;
    }
    try {
      int i = Integer.parseInt(v);
      if (i < 0) {
        throw new NumberFormatException("negative");
      }
      return i;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          name + " must be a non-negative whole number, not '" + v + "'", e);
    }
  }

  private static Path findRepo() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve(CRD_FILE))) {
        return p;
      }
    }
    return dir;
  }

  public Path crds() {
    return repo.resolve(CRD_FILE);
  }

  public Path kubeconfig() {
    return dir.resolve("kubeconfig");
  }

  public Path runtimeJar() {
    return repo.resolve("inference-runtime/target/inference-runtime.jar");
  }

  public Path models() {
    return repo.resolve("examples/models");
  }
}
