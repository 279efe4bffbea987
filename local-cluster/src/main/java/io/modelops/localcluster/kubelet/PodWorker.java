package io.modelops.localcluster.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pod on one node: its network namespace and volumes, a {@link ContainerRunner} per container,
 * the pod status written back to the API server when it changes, and graceful termination when the
 * pod is deleted (preStop hook, SIGTERM, {@code terminationGracePeriodSeconds}, SIGKILL, then the
 * final delete with grace period 0). All of it runs on the worker's own calls to {@link #tick} and
 * {@link #terminate}, never concurrently.
 */
final class PodWorker implements PodContext {

  private static final Logger LOG = LoggerFactory.getLogger(PodWorker.class);

  private final NodeServices node;
  private final String uid;
  private final Path dir;
  private volatile Pod pod;
  private final List<ContainerRunner> runners = new ArrayList<>();
  private PodAddressing.PodAddress address;
  private Map<String, Path> volumes;
  private String setupProblem;
  private PodStatus written;
  private boolean terminated;

  PodWorker(NodeServices node, Pod pod) {
    this.node = node;
    this.pod = pod;
    this.uid = pod.getMetadata().getUid();
    this.dir =
        node.workDir()
            .resolve("pods")
            .resolve(
                pod.getMetadata().getNamespace()
                    + "_"
                    + pod.getMetadata().getName()
                    + "_"
                    + uid.substring(0, 8));
    pod.getSpec().getContainers().forEach(c -> runners.add(new ContainerRunner(c, this)));
  }

  /** The latest version of the pod from the watch. */
  void update(Pod latest) {
    this.pod = latest;
  }

  Pod pod() {
    return pod;
  }

  boolean terminated() {
    return terminated;
  }

  /** The folder with the pod's logs ({@code logs/<container>/<restart>.log}). */
  Path dir() {
    return dir;
  }

  /** Sets up what is missing, advances every container and writes the status if it changed. */
  synchronized void tick(Instant now) {
    if (terminated) {
      return;
    }
    if (volumes == null) {
      setUp();
    }
    if (volumes != null) {
      runners.forEach(r -> r.tick(now));
    }
    writeStatus(now);
  }

  private void setUp() {
    try {
      if (address == null && !Boolean.TRUE.equals(pod.getSpec().getHostNetwork())) {
        var created = node.network().create(uid, declaredPorts());
        if (!created.ports().isEmpty()) {
          annotatePorts(created.ports());
        }
        address = created;
      }
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("hosts"), hosts());
      volumes = node.volumes().materialise(pod, dir.resolve("volumes"));
      setupProblem = null;
    } catch (ContainerConfigException | RuntimeException e) {
      setupProblem = e.getMessage();
      LOG.info("pod {}: cannot set up yet: {}", describe(), e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The TCP container ports the pod's containers declare. */
  private java.util.Set<Integer> declaredPorts() {
    java.util.Set<Integer> ports = new java.util.TreeSet<>();
    for (Container c : pod.getSpec().getContainers()) {
      if (c.getPorts() != null) {
        c.getPorts().stream()
            .filter(p -> p.getProtocol() == null || "TCP".equals(p.getProtocol()))
            .forEach(p -> ports.add(p.getContainerPort()));
      }
    }
    return ports;
  }

  /**
   * Records where the container ports listen, for the Service proxy and others ({@link PodPorts}).
   */
  private void annotatePorts(PodPorts ports) {
    var patch =
        new io.fabric8.kubernetes.api.model.PodBuilder()
            .withNewMetadata()
            .addToAnnotations(PodPorts.ANNOTATION, ports.format())
            .endMetadata()
            .build();
    node.client()
        .pods()
        .inNamespace(pod.getMetadata().getNamespace())
        .withName(pod.getMetadata().getName())
        .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
    LOG.info("pod {}: container ports on {}: {}", describe(), podIp(), ports.format());
  }

  private String hosts() {
    String gateway = node.network().nodeAddress();
    return "127.0.0.1\tlocalhost\n"
        + "::1\tlocalhost ip6-localhost ip6-loopback\n"
        + podIp()
        + "\t"
        + pod.getMetadata().getName()
        + "\n"
        // The API server's certificate names these; pods reach it at their gateway.
        + gateway
        + "\tkubernetes kubernetes.default kubernetes.default.svc"
        + " kubernetes.default.svc.cluster.local\n";
  }

  private void writeStatus(Instant now) {
    PodStatus status =
        KubeletPodStatus.build(
            pod, runners, podIp(), node.network().nodeAddress(), setupProblem, now);
    if (status.equals(written)) {
      return;
    }
    try {
      var patch = new io.fabric8.kubernetes.api.model.PodBuilder().withStatus(status).build();
      node.client()
          .pods()
          .inNamespace(pod.getMetadata().getNamespace())
          .withName(pod.getMetadata().getName())
          .subresource("status")
          .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
      written = status;
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        LOG.warn("pod {}: status not written: {}", describe(), e.getMessage());
      }
    }
  }

  /**
   * Stops the pod as the kubelet does for a deletion: each running container's preStop hook, then
   * SIGTERM, SIGKILL when the grace period (counted from the start of the hook) is over; then the
   * network namespace and volumes go, and the pod object is deleted with grace period 0 (when
   * {@code deleteObject}). {@code cap} (null: none) shortens the grace period, for a kubelet that
   * is shutting down.
   */
  synchronized void terminate(boolean deleteObject, Duration cap) {
    if (terminated) {
      return;
    }
    Long graceSeconds = pod.getMetadata().getDeletionGracePeriodSeconds();
    Duration asked = graceSeconds == null ? gracePeriod() : Duration.ofSeconds(graceSeconds);
    Duration grace = cap != null && asked.compareTo(cap) > 0 ? cap : asked;
    Instant deadline = Instant.now().plus(grace);
    List<Thread> stops = new ArrayList<>();
    for (ContainerRunner runner : runners) {
      if (!runner.running()) {
        continue;
      }
      Thread stop =
          new Thread(
              () -> {
                preStop(runner, grace);
                Duration left = Duration.between(Instant.now(), deadline);
                runner.stop(left.isNegative() ? Duration.ofSeconds(2) : left.plusSeconds(2));
              },
              "stop-" + pod.getMetadata().getName() + "-" + runner.name());
      stop.start();
      stops.add(stop);
    }
    for (Thread stop : stops) {
      try {
        stop.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    node.network().delete(uid);
    deleteFolder(dir.resolve("volumes"));
    terminated = true;
    if (deleteObject) {
      try {
        node.client()
            .pods()
            .inNamespace(pod.getMetadata().getNamespace())
            .withName(pod.getMetadata().getName())
            .withGracePeriod(0)
            .delete();
      } catch (KubernetesClientException e) {
        LOG.debug("pod {}: final delete: {}", describe(), e.getMessage());
      }
    }
  }

  private void preStop(ContainerRunner runner, Duration grace) {
    Container spec =
        pod.getSpec().getContainers().stream()
            .filter(c -> c.getName().equals(runner.name()))
            .findFirst()
            .orElse(null);
    LifecycleHandler hook =
        spec == null || spec.getLifecycle() == null ? null : spec.getLifecycle().getPreStop();
    if (hook == null) {
      return;
    }
    try {
      if (hook.getSleep() != null) {
        Thread.sleep(Math.min(grace.toMillis(), hook.getSleep().getSeconds() * 1000L));
      } else if (hook.getExec() != null) {
        runner.process().exec(hook.getExec().getCommand(), 0, 0, grace);
      } else if (hook.getHttpGet() != null) {
        var get = hook.getHttpGet();
        String path = get.getPath() == null ? "/" : get.getPath();
        java.net.http.HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://"
                                + podIp()
                                + ":"
                                + ports().hostPort(Prober.port(get.getPort(), spec))
                                + path))
                    .timeout(grace)
                    .build(),
                HttpResponse.BodyHandlers.discarding());
      }
    } catch (IOException | IllegalArgumentException e) {
      LOG.info("pod {}: preStop hook of {} failed: {}", describe(), runner.name(), e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public Launch launch(Container container, ImageProgram program, int restartCount)
      throws ContainerConfigException {
    var security = container.getSecurityContext();
    var podSecurity = pod.getSpec().getSecurityContext();
    long user =
        security != null && security.getRunAsUser() != null
            ? security.getRunAsUser()
            : podSecurity != null && podSecurity.getRunAsUser() != null
                ? podSecurity.getRunAsUser()
                : program.user();
    long group =
        security != null && security.getRunAsGroup() != null
            ? security.getRunAsGroup()
            : podSecurity != null && podSecurity.getRunAsGroup() != null
                ? podSecurity.getRunAsGroup()
                : program.group();
    boolean isolated = node.network().mode() == NetworkMode.NAMESPACES;
    boolean root = NetworkMode.isRoot();
    if (!isolated && !root) {
      // Without root the process is the kubelet's own user, whatever the pod asks.
      user = ProcessUser.uid();
      group = user;
    }
    boolean nonRoot =
        Boolean.TRUE.equals(security == null ? null : security.getRunAsNonRoot())
            || Boolean.TRUE.equals(podSecurity == null ? null : podSecurity.getRunAsNonRoot());
    if (nonRoot && user == 0) {
      throw new ContainerConfigException("container has runAsNonRoot and image will run as root");
    }
    Map<String, String> base = new LinkedHashMap<>();
    base.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    base.put("HOSTNAME", pod.getMetadata().getName());
    base.putAll(program.env());
    String api = Integer.toString(node.apiServerPort());
    // In a pod's own network the hosts file maps this name to the gateway; on the host's network
    // the API server's own address serves (its certificate names it too).
    String apiHost = isolated ? "kubernetes.default.svc" : node.client().getMasterUrl().getHost();
    base.put("KUBERNETES_SERVICE_HOST", apiHost);
    base.put("KUBERNETES_SERVICE_PORT", api);
    base.put("KUBERNETES_SERVICE_PORT_HTTPS", api);
    base.put("KUBERNETES_PORT", "tcp://" + apiHost + ":" + api);
    // The watch may not show the address yet: the kubelet knows it.
    Pod view =
        new io.fabric8.kubernetes.api.model.PodBuilder(pod)
            .editOrNewStatus()
            .withPodIP(podIp())
            .withHostIP(node.network().nodeAddress())
            .endStatus()
            .build();
    Map<String, String> env = node.env().resolve(view, container, base);
    if (program.jvm()) {
      memoryLimit(container)
          .ifPresent(
              bytes ->
                  env.merge(
                      "JAVA_TOOL_OPTIONS", "-XX:MaxRAM=" + bytes, (old, add) -> old + " " + add));
    }
    if (!isolated) {
      HostLaunch.movePort(program.portVariable(), env, ports());
    }
    List<String> command = command(container, program, env);
    Path containerDir = dir.resolve("containers").resolve(container.getName());
    Path terminationLog = terminationLog(container.getName());
    try {
      Files.createDirectories(containerDir);
      if (!Files.exists(terminationLog)) {
        Files.createFile(terminationLog);
      }
      Files.setPosixFilePermissions(terminationLog, PosixFilePermissions.fromString("rw-rw-rw-"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path log = dir.resolve("logs").resolve(container.getName()).resolve(restartCount + ".log");
    if (!isolated) {
      var process =
          startOnHost(
              container,
              program,
              command,
              env,
              new HostLaunch.User(
                  root,
                  user,
                  group,
                  PodVolumes.supplementaryGroups(pod),
                  security != null && Boolean.FALSE.equals(security.getAllowPrivilegeEscalation())),
              log,
              restartCount);
      return new Launch(process, user, group);
    }
    var script =
        RootfsScript.build(
            new RootfsScript.Spec(
                containerDir.resolve("rootfs"),
                pod.getMetadata().getName(),
                dir.resolve("hosts"),
                mounts(container, program),
                terminationLog,
                container.getTerminationMessagePath() == null
                    ? "/dev/termination-log"
                    : container.getTerminationMessagePath(),
                security != null && Boolean.TRUE.equals(security.getReadOnlyRootFilesystem()),
                user,
                group,
                PodVolumes.supplementaryGroups(pod),
                security != null && Boolean.FALSE.equals(security.getAllowPrivilegeEscalation()),
                container.getWorkingDir() != null
                    ? container.getWorkingDir()
                    : program.workingDir(),
                command));
    var process =
        ContainerProcess.start(address == null ? null : address.netns(), script, env, log);
    LOG.info(
        "pod {}: started container {} (pid {}, log {})",
        describe(),
        container.getName(),
        process.pid(),
        log);
    return new Launch(process, user, group);
  }

  /**
   * Starts the container on the host's namespaces (shared-address mode), its paths rewritten to the
   * host's ({@link HostLaunch}); says once, as a Warning Event and in the log, what of its spec is
   * not honoured ({@link UnhonouredFeatures}).
   */
  private ContainerProcess startOnHost(
      Container container,
      ImageProgram program,
      List<String> command,
      Map<String, String> env,
      HostLaunch.User user,
      Path log,
      int restartCount)
      throws ContainerConfigException {
    Path containerDir = dir.resolve("containers").resolve(container.getName());
    Path tmp = containerDir.resolve("tmp");
    Path cwd = containerDir.resolve("cwd");
    try {
      Files.createDirectories(tmp);
      Files.createDirectories(cwd);
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<HostPaths.Mapping> mappings = new ArrayList<>();
    for (RootfsScript.Mount mount : mounts(container, program)) {
      mappings.add(new HostPaths.Mapping(mount.target(), mount.source()));
    }
    mappings.add(new HostPaths.Mapping("/tmp", tmp));
    mappings.add(
        new HostPaths.Mapping(
            container.getTerminationMessagePath() == null
                ? "/dev/termination-log"
                : container.getTerminationMessagePath(),
            terminationLog(container.getName())));
    var plan =
        HostLaunch.plan(
            new HostPaths(mappings),
            command,
            env,
            container.getWorkingDir() != null ? container.getWorkingDir() : program.workingDir(),
            cwd,
            user);
    if (restartCount == 0) {
      List<String> missing =
          UnhonouredFeatures.of(
              pod, container, user.root(), ProcessUser.uid(), program.portVariable());
      if (!missing.isEmpty()) {
        String message =
            "container "
                + container.getName()
                + ": not honoured in shared-address mode: "
                + String.join("; ", missing);
        LOG.warn("pod {}: {}", describe(), message);
        PodEvents.warn(node.client(), pod, "NotHonouredWithoutNamespaces", message);
      }
    }
    var process = ContainerProcess.startOnHost(plan, log);
    LOG.info(
        "pod {}: started container {} on the host's network (pid {}, ports {}, log {})",
        describe(),
        container.getName(),
        process.pid(),
        ports().format(),
        log);
    return process;
  }

  private List<RootfsScript.Mount> mounts(Container container, ImageProgram program)
      throws ContainerConfigException {
    List<RootfsScript.Mount> mounts = new ArrayList<>();
    program.files().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> mounts.add(new RootfsScript.Mount(e.getValue(), e.getKey(), true)));
    boolean serviceAccountMounted = false;
    if (container.getVolumeMounts() != null) {
      for (VolumeMount mount : container.getVolumeMounts()) {
        Path source = volumes.get(mount.getName());
        if (source == null) {
          throw new ContainerConfigException("volume " + mount.getName() + " not found in the pod");
        }
        if (mount.getSubPath() != null && !mount.getSubPath().isEmpty()) {
          source = source.resolve(mount.getSubPath()).normalize();
        }
        serviceAccountMounted |= PodVolumes.SERVICE_ACCOUNT_PATH.equals(mount.getMountPath());
        mounts.add(
            new RootfsScript.Mount(
                source, mount.getMountPath(), Boolean.TRUE.equals(mount.getReadOnly())));
      }
    }
    Path serviceAccount = volumes.get(PodVolumes.SERVICE_ACCOUNT_VOLUME);
    if (serviceAccount != null && !serviceAccountMounted) {
      mounts.add(new RootfsScript.Mount(serviceAccount, PodVolumes.SERVICE_ACCOUNT_PATH, true));
    }
    return mounts;
  }

  /**
   * {@code command} replaces the entrypoint, {@code args} the image's CMD; {@code $(VAR)} expand.
   */
  static List<String> command(Container container, ImageProgram program, Map<String, String> env) {
    List<String> line = new ArrayList<>();
    boolean hasCommand = container.getCommand() != null && !container.getCommand().isEmpty();
    line.addAll(hasCommand ? container.getCommand() : program.entrypoint());
    if (container.getArgs() != null && !container.getArgs().isEmpty()) {
      line.addAll(container.getArgs());
    } else if (!hasCommand) {
      line.addAll(program.cmd());
    }
    return line.stream().map(arg -> EnvResolver.expand(arg, env)).toList();
  }

  private static java.util.Optional<Long> memoryLimit(Container container) {
    var resources = container.getResources();
    Quantity limit =
        resources == null || resources.getLimits() == null
            ? null
            : resources.getLimits().get("memory");
    return limit == null
        ? java.util.Optional.empty()
        : java.util.Optional.of(limit.getNumericalAmount().longValue());
  }

  @Override
  public ImageCatalog catalog() {
    return node.catalog();
  }

  @Override
  public Prober prober() {
    return node.prober();
  }

  @Override
  public String podIp() {
    if (Boolean.TRUE.equals(pod.getSpec().getHostNetwork())) {
      return node.network().nodeAddress();
    }
    return address == null ? null : address.ip();
  }

  @Override
  public PodPorts ports() {
    return address == null ? PodPorts.NONE : address.ports();
  }

  @Override
  public Duration gracePeriod() {
    Long seconds = pod.getSpec().getTerminationGracePeriodSeconds();
    return Duration.ofSeconds(seconds == null ? 30 : seconds);
  }

  @Override
  public String restartPolicy() {
    String policy = pod.getSpec().getRestartPolicy();
    return policy == null ? "Always" : policy;
  }

  @Override
  public Path terminationLog(String container) {
    return dir.resolve("containers").resolve(container).resolve("termination-log");
  }

  @Override
  public String describe() {
    return pod.getMetadata().getName() + "_" + pod.getMetadata().getNamespace() + "(" + uid + ")";
  }

  private static void deleteFolder(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.debug("{} left behind: {}", folder, e.getMessage());
    }
  }
}
