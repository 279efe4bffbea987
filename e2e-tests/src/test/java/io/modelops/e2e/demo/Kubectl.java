package io.modelops.e2e.demo;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code kubectl} binary against a kubeconfig. The binary is {@code $KUBECTL}, else
 * the first {@code kubectl} on the PATH, else {@code /usr/bin/kubectl}; when there is none the
 * calling test fails with instructions (these tests exist to drive the real kubectl).
 */
final class Kubectl {

  /** Exit code and output of one kubectl run. */
  record Result(int exitCode, String out, String err) {
    Result assertOk() {
      if (exitCode != 0) {
        fail("kubectl exited with " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err);
      }
      return this;
    }
  }

  private final Path binary;
  private final Path kubeconfig;
  private final Path cacheDir;

  Kubectl(Path kubeconfig, Path cacheDir) {
    this.binary = locate();
    this.kubeconfig = kubeconfig;
    this.cacheDir = cacheDir;
  }

  static Path locate() {
    String fromEnv = System.getenv("KUBECTL");
    if (fromEnv != null && !fromEnv.isBlank()) {
      Path p = Path.of(fromEnv);
      if (Files.isExecutable(p)) {
        return p;
      }
      fail("KUBECTL=" + fromEnv + " is not an executable file");
    }
    Optional<Path> onPath =
        java.util.Arrays.stream(
                Optional.ofNullable(System.getenv("PATH")).orElse("").split(File.pathSeparator))
            .filter(s -> !s.isEmpty())
            .map(dir -> Path.of(dir, "kubectl"))
            .filter(Files::isExecutable)
            .findFirst();
    if (onPath.isPresent()) {
      return onPath.get();
    }
    Path usual = Path.of("/usr/bin/kubectl");
    if (Files.isExecutable(usual)) {
      return usual;
    }
    fail(
        "kubectl not found (looked at $KUBECTL, the PATH and /usr/bin/kubectl). The *E2E tests"
            + " drive the real kubectl client against the embedded API server: install kubectl"
            + " (client only, 1.28 or newer) or set KUBECTL=/path/to/kubectl.");
    throw new IllegalStateException("unreachable");
  }

  Result run(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(binary.toString());
    cmd.add("--kubeconfig=" + kubeconfig);
    cmd.add("--cache-dir=" + cacheDir);
    cmd.add("--request-timeout=30s");
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile("kubectl", ".out");
    Path err = Files.createTempFile("kubectl", ".err");
    try {
      ProcessBuilder pb =
          new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
      pb.environment().remove("KUBECONFIG");
      Process p = pb.start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("kubectl " + String.join(" ", args) + " did not finish in 60 s");
      }
      return new Result(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
