package io.modelops.localcluster.kubelet;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One running container: the program started in the pod's network namespace ({@code ip netns
 * exec}), in a private mount and UTS namespace ({@code unshare}), set up by a {@link RootfsScript}.
 * Every step execs the next, so the process this class holds is the program itself: SIGTERM reaches
 * it directly. Its output goes to a log file.
 */
final class ContainerProcess {

  private final Process process;
  private final Path log;
  private final Path hostDir;

  private ContainerProcess(Process process, Path log, Path hostDir) {
    this.process = process;
    this.log = log;
    this.hostDir = hostDir;
  }

  /** Starts {@code script} in {@code netns} (null: the host network) with {@code env}. */
  static ContainerProcess start(String netns, String script, Map<String, String> env, Path log) {
    List<String> command = new ArrayList<>();
    if (netns != null) {
      command.addAll(List.of(binary("ip"), "netns", "exec", netns));
    }
    command.addAll(
        List.of(
            binary("unshare"),
            "--mount",
            "--uts",
            "--propagation",
            "private",
            binary("sh"),
            "-c",
            script));
    return new ContainerProcess(launch(new ProcessBuilder(command), env, log), log, null);
  }

  /**
   * Starts {@code plan} in the host's namespaces ({@link NetworkMode#SHARED_ADDRESS} mode): exec
   * probes and hooks then run in its working folder, not inside a container.
   */
  static ContainerProcess startOnHost(HostLaunch.Plan plan, Path log) {
    try {
      Files.createDirectories(plan.workingDir());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var builder = new ProcessBuilder(plan.command()).directory(plan.workingDir().toFile());
    return new ContainerProcess(launch(builder, plan.env(), log), log, plan.workingDir());
  }

  private static Process launch(ProcessBuilder builder, Map<String, String> env, Path log) {
    builder.environment().clear();
    builder.environment().putAll(env);
    try {
      Files.createDirectories(log.getParent());
      builder.redirectErrorStream(true);
      builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The program's process id. */
  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** The exit code; only once the process has exited. */
  int exitCode() {
    return process.exitValue();
  }

  Path log() {
    return log;
  }

  /** Sends SIGTERM. */
  void terminate() {
    process.destroy();
  }

  /** Waits up to {@code grace} for the process to exit after SIGTERM, then sends SIGKILL. */
  void stop(Duration grace) {
    terminate();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Runs {@code command} inside this container (its namespaces and root, as {@code uid}/{@code
   * gid}), as {@code kubectl exec}, exec probes and exec hooks do; returns its exit code, or -1
   * when it did not finish within {@code timeout}.
   */
  int exec(List<String> command, long uid, long gid, Duration timeout) {
    List<String> line = new ArrayList<>();
    if (hostDir == null) {
      line.addAll(
          List.of(
              binary("nsenter"),
              "--target",
              Long.toString(pid()),
              "--mount",
              "--uts",
              "--net",
              "--root",
              "--wd=/"));
    }
    if ((uid != 0 || gid != 0) && NetworkMode.isRoot()) {
      line.addAll(
          List.of("/usr/bin/setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--"));
    }
    line.addAll(command);
    try {
      Process exec =
          new ProcessBuilder(line)
              .directory(hostDir == null ? null : hostDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      if (!exec.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        exec.destroyForcibly();
        return -1;
      }
      return exec.exitValue();
    } catch (IOException e) {
      return 126;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** The absolute path of a system command, found on this process's PATH. */
  static String binary(String name) {
    String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
    for (String dir : (path + ":/usr/sbin:/sbin:/usr/bin:/bin").split(":")) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw new IllegalStateException(name + " not found on the PATH");
  }
}
