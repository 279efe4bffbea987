package io.modelops.e2e.demo;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs each pod's inference-runtime container as a real process: {@code java -jar
 * inference-runtime.jar} with the container's environment and arguments, on a free loopback port,
 * with container paths mapped to directories on this machine (e.g. {@code /models} to {@code
 * examples/models}).
 */
public final class ProcessPodRuntime implements PodRuntime {

  /**
   * How to run the stand-ins.
   *
   * @param runtimeJar {@code inference-runtime/target/inference-runtime.jar}
   * @param mounts container path prefix to host directory, like a read-only volume mount
   * @param workDir where logs and per-pod caches go
   * @param jvmOptions options for each runtime JVM
   */
  public record Settings(
      Path runtimeJar, Map<String, Path> mounts, Path workDir, List<String> jvmOptions) {}

  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final Settings settings;
  private final Map<String, RuntimeProcess> processes = new ConcurrentHashMap<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

  public ProcessPodRuntime(Settings settings) {
    if (!Files.isRegularFile(settings.runtimeJar())) {
      throw new IllegalStateException(
          "inference-runtime jar not found at "
              + settings.runtimeJar().toAbsolutePath()
              + ": build it with ./mvnw -B -pl inference-runtime -am -DskipTests package");
    }
    this.settings = settings;
  }

  /** One running stand-in. */
  public record RuntimeProcess(Process process, int port, Path log) {}

  @Override
  public void start(Pod pod) {
    String key = key(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
    if (processes.containsKey(key)) {
      return;
    }
    Container container = pod.getSpec().getContainers().get(0);
    int port = freePort();
    Path podDir = settings.workDir().resolve("pods").resolve(key.replace('/', '_'));
    Path log = settings.workDir().resolve("logs").resolve(key.replace('/', '_') + ".log");
    try {
      Files.createDirectories(podDir.resolve("cache"));
      Files.createDirectories(log.getParent());
      ProcessBuilder pb = new ProcessBuilder(command(container, port, podDir));
      Map<String, String> env = pb.environment();
      env.keySet().removeIf(k -> k.startsWith("MODEL_") || k.startsWith("RUNTIME_"));
      env.putAll(environment(container, port, podDir));
      pb.redirectErrorStream(true).redirectOutput(log.toFile());
      processes.put(key, new RuntimeProcess(pb.start(), port, log));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the runtime for pod " + key, e);
    }
  }

  private List<String> command(Container container, int port, Path podDir) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(settings.jvmOptions());
    cmd.add("-jar");
    cmd.add(settings.runtimeJar().toAbsolutePath().toString());
    for (String arg : container.getArgs() == null ? List.<String>of() : container.getArgs()) {
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        String flag = arg.substring(2, eq);
        String envName = flag.toUpperCase().replace('-', '_');
        cmd.add("--" + flag + "=" + rewrite(envName, arg.substring(eq + 1), port, podDir));
      } else {
        cmd.add(arg);
      }
    }
    return cmd;
  }

  /** The container's literal environment, with the port, cache and model paths made local. */
  Map<String, String> environment(Container container, int port, Path podDir) {
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvVar e : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
      if (e.getValue() != null) {
        env.put(e.getName(), rewrite(e.getName(), e.getValue(), port, podDir));
      }
    }
    env.put("RUNTIME_PORT", Integer.toString(port));
    env.put("MODEL_CACHE_DIR", podDir.resolve("cache").toAbsolutePath().toString());
    return env;
  }

  private String rewrite(String name, String value, int port, Path podDir) {
    return switch (name) {
      case "RUNTIME_PORT" -> Integer.toString(port);
      case "MODEL_CACHE_DIR" -> podDir.resolve("cache").toAbsolutePath().toString();
      case "MODEL_URI" -> mapPath(value);
      default -> value;
    };
  }

  /** Maps {@code file:///models/x} or {@code /models/x} through the configured mounts. */
  String mapPath(String uri) {
    boolean fileUri = uri.startsWith("file://");
    String path = fileUri ? uri.substring("file://".length()) : uri;
    for (Map.Entry<String, Path> m : settings.mounts().entrySet()) {
      String prefix = m.getKey().endsWith("/") ? m.getKey() : m.getKey() + "/";
      if (path.startsWith(prefix)) {
        Path host = m.getValue().toAbsolutePath().resolve(path.substring(prefix.length()));
        return fileUri ? host.toUri().toString() : host.toString();
      }
    }
    return uri;
  }

  @Override
  public void stop(String namespace, String name) {
    RuntimeProcess p = processes.remove(key(namespace, name));
    if (p != null) {
      stop(p);
    }
  }

  private static void stop(RuntimeProcess p) {
    p.process().destroy();
    try {
      if (!p.process().waitFor(STOP_GRACE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        p.process().destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      p.process().destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean ready(String namespace, String name) {
    RuntimeProcess p = processes.get(key(namespace, name));
    if (p == null || !p.process().isAlive()) {
      return false;
    }
    try {
      HttpRequest req =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p.port() + "/v2/health/ready"))
              .timeout(Duration.ofSeconds(1))
              .build();
      return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public Optional<URI> endpoint(String namespace, String name) {
    return Optional.ofNullable(processes.get(key(namespace, name)))
        .map(p -> URI.create("http://127.0.0.1:" + p.port()));
  }

  /** The running stand-ins by {@code namespace/name}. */
  public Map<String, RuntimeProcess> processes() {
    return Map.copyOf(processes);
  }

  @Override
  public void close() {
    List<RuntimeProcess> all = new ArrayList<>(processes.values());
    processes.clear();
    all.forEach(p -> p.process().destroy());
    all.forEach(ProcessPodRuntime::stop);
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }
}
