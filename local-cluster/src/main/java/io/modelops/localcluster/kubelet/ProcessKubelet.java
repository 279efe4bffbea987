package io.modelops.localcluster.kubelet;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A kubelet whose containers are processes. It registers its {@link NodeSpec nodes} (capacity,
 * labels, a Lease), watches the pods the scheduler binds to them, and runs each container as a real
 * process of the program its image stands for ({@link ImageCatalog}), with the pod's environment,
 * volumes, user, probes, restarts with back-off, termination grace, and the pod status written
 * back. Its {@link NetworkMode}: as root, in the pod's own network namespace (an address from the
 * node's pod CIDR, {@link PodNetwork}) and its own mount namespace and root ({@link RootfsScript});
 * without root, on one shared address with a host port per container port ({@link
 * SharedAddressNetwork}, {@link PodPorts}) and without namespaces ({@link HostLaunch}).
 */
public final class ProcessKubelet implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ProcessKubelet.class);
  private static final Duration TICK = Duration.ofMillis(500);
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

  /**
   * What the kubelet runs.
   *
   * @param nodes the nodes to register
   * @param catalog images to programs
   * @param workDir pod folders and logs go under it
   * @param networkMode how pods get their address
   */
  public record Config(
      List<NodeSpec> nodes, ImageCatalog catalog, Path workDir, NetworkMode networkMode) {

    /** The mode this process's settings and user choose ({@link NetworkMode#current()}). */
    public Config(List<NodeSpec> nodes, ImageCatalog catalog, Path workDir) {
      this(nodes, catalog, workDir, NetworkMode.current());
    }
  }

  private final KubernetesClient client;
  private final Config config;
  private final Map<String, NodeServices> nodes = new LinkedHashMap<>();
  private final List<NodeRegistration> registrations = new ArrayList<>();
  private final List<SharedIndexInformer<Pod>> informers = new ArrayList<>();
  private final Map<String, PodWorker> workers = new ConcurrentHashMap<>();
  private final Map<String, ScheduledFuture<?>> ticks = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer;
  private final ExecutorService terminations;
  private LogServer logs;
  private boolean closed;

  private ProcessKubelet(KubernetesClient client, Config config) {
    this.client = client;
    this.config = config;
    AtomicInteger n = new AtomicInteger();
    this.timer =
        Executors.newScheduledThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "process-kubelet-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.terminations =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "process-kubelet-stop-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Why this machine cannot run the process kubelet in the mode its settings choose, if it cannot:
   * a bad setting, no iproute2 for namespaces, no usable address for shared-address mode.
   */
  public static Optional<String> unsupportedReason() {
    try {
      return NetworkMode.current() == NetworkMode.NAMESPACES
          ? Optional.ofNullable(PodNetwork.unsupportedReason())
          : sharedAddressProblem();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  private static Optional<String> sharedAddressProblem() {
    try {
      SharedAddress.ofThisMachine();
      return Optional.empty();
    } catch (IllegalStateException e) {
      return Optional.of(e.getMessage());
    }
  }

  /** The network mode this kubelet runs in. */
  public NetworkMode networkMode() {
    return config.networkMode();
  }

  /** One plain line on the network mode and what it means for pods, for people to read. */
  public String networkSummary() {
    if (config.networkMode() == NetworkMode.NAMESPACES) {
      return "network mode namespaces: each pod has its own network namespace and address from"
          + " its node's 10.244.<n>.0/24, and its own root file system";
    }
    String address =
        nodes.values().stream().map(n -> n.network().nodeAddress()).findFirst().orElse("?");
    return "network mode shared-address"
        + (NetworkMode.isRoot() ? " (forced)" : " (not root)")
        + ": every pod's IP is "
        + address
        + " and each container port listens on a host port of its own (pod annotation "
        + PodPorts.ANNOTATION
        + "); no network or mount namespaces, so readOnlyRootFilesystem, NetworkPolicy and"
        + " network faults are not honoured"
        + (NetworkMode.isRoot() ? "" : ", and every pod runs as this user, not its runAsUser");
  }

  /** Registers the nodes and starts running the pods bound to them. */
  public static ProcessKubelet start(KubernetesClient client, Config config) {
    var kubelet = new ProcessKubelet(client, config);
    try {
      kubelet.startNodes();
      return kubelet;
    } catch (RuntimeException e) {
      kubelet.close();
      throw e;
    }
  }

  private void startNodes() {
    var volumes = new PodVolumes(client, caCertificate());
    var env = new EnvResolver(client);
    var prober = new Prober();
    int apiPort = client.getMasterUrl().getPort();
    Map<String, PodAddressing> networks = new LinkedHashMap<>();
    String shared =
        config.networkMode() == NetworkMode.SHARED_ADDRESS ? SharedAddress.ofThisMachine() : null;
    for (NodeSpec spec : config.nodes()) {
      networks.put(
          spec.name(), shared == null ? PodNetwork.claim() : new SharedAddressNetwork(shared));
    }
    if (shared != null) {
      LOG.warn(
          "process kubelet: network mode shared-address: every pod's IP is {}, each container"
              + " port gets a host port (annotation {}); no network or mount namespaces, so"
              + " readOnlyRootFilesystem, NetworkPolicy and network faults are not honoured{}",
          shared,
          PodPorts.ANNOTATION,
          NetworkMode.isRoot() ? "" : ", and every process runs as this user, not runAsUser");
    }
    logs =
        LogServer.start(
            networks.values().stream().map(PodAddressing::nodeAddress).distinct().toList(),
            freePort(),
            config.workDir().toAbsolutePath(),
            this::podDir);
    for (NodeSpec spec : config.nodes()) {
      PodAddressing network = networks.get(spec.name());
      var services =
          new NodeServices(
              client,
              spec.name(),
              network,
              config.catalog(),
              prober,
              env,
              volumes,
              config.workDir().toAbsolutePath(),
              apiPort);
      nodes.put(spec.name(), services);
      Map<String, Quantity> capacity = new LinkedHashMap<>();
      capacity.put("cpu", new Quantity(spec.cpu()));
      capacity.put("memory", new Quantity(spec.memory()));
      capacity.put("pods", new Quantity(Integer.toString(spec.maxPods())));
      capacity.put("ephemeral-storage", new Quantity("100Gi"));
      if (spec.gpus() > 0) {
        capacity.put(NodeSpec.GPU_RESOURCE, new Quantity(Integer.toString(spec.gpus())));
      }
      var registration =
          NodeRegistration.register(
              client,
              new NodeRegistration.Registration(
                  spec.name(),
                  spec.allLabels(),
                  capacity,
                  network.nodeAddress(),
                  logs.port(),
                  "v1.36.3-modelops-process",
                  spec.gpus() > 0
                      ? List.of(
                          new io.fabric8.kubernetes.api.model.TaintBuilder()
                              .withKey(NodeSpec.GPU_TAINT)
                              .withValue("present")
                              .withEffect("NoSchedule")
                              .build())
                      : List.of()));
      registrations.add(registration);
      timer.scheduleAtFixedRate(
          registration::renewLease,
          NodeRegistration.RENEW_SECONDS,
          NodeRegistration.RENEW_SECONDS,
          TimeUnit.SECONDS);
      informers.add(
          client
              .pods()
              .inAnyNamespace()
              .withField("spec.nodeName", spec.name())
              .inform(handler(services)));
      LOG.info("process kubelet: node {} up, {}", spec.name(), network.describe());
    }
  }

  private static int freePort() {
    try (var socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private byte[] caCertificate() {
    var cfg = client.getConfiguration();
    try {
      if (cfg.getCaCertData() != null) {
        return Base64.getDecoder().decode(cfg.getCaCertData());
      }
      if (cfg.getCaCertFile() != null) {
        return Files.readAllBytes(Path.of(cfg.getCaCertFile()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new byte[0];
  }

  private ResourceEventHandler<Pod> handler(NodeServices node) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(Pod pod) {
        seen(node, pod);
      }

      @Override
      public void onUpdate(Pod old, Pod pod) {
        seen(node, pod);
      }

      @Override
      public void onDelete(Pod pod, boolean unknown) {
        // Gone from the API (grace 0 or force): stop at once, nothing to delete.
        PodWorker worker = workers.remove(pod.getMetadata().getUid());
        if (worker != null) {
          cancelTick(pod.getMetadata().getUid());
          terminations.execute(() -> worker.terminate(false, null));
        }
      }
    };
  }

  private void seen(NodeServices node, Pod pod) {
    String uid = pod.getMetadata().getUid();
    PodWorker worker =
        workers.computeIfAbsent(
            uid,
            u -> {
              var created = new PodWorker(node, pod);
              ticks.put(
                  u,
                  timer.scheduleWithFixedDelay(
                      () -> tick(created), 0, TICK.toMillis(), TimeUnit.MILLISECONDS));
              return created;
            });
    worker.update(pod);
    if (pod.getMetadata().getDeletionTimestamp() != null) {
      cancelTick(uid);
      terminations.execute(() -> worker.terminate(true, null));
    }
  }

  private static void tick(PodWorker worker) {
    try {
      worker.tick(Instant.now());
    } catch (RuntimeException e) {
      LOG.warn("pod {}: {}", worker.describe(), e.toString());
    }
  }

  private void cancelTick(String uid) {
    ScheduledFuture<?> tick = ticks.remove(uid);
    if (tick != null) {
      tick.cancel(false);
    }
  }

  /** The folder with a pod's logs and files, if this kubelet runs it. */
  public Optional<Path> podDir(String namespace, String name) {
    return workers.values().stream()
        .filter(
            w ->
                namespace.equals(w.pod().getMetadata().getNamespace())
                    && name.equals(w.pod().getMetadata().getName()))
        .map(PodWorker::dir)
        .findFirst();
  }

  /** The network sandbox of a pod this kubelet runs (to cut or restore its link in a drill). */
  public Optional<PodNetwork.Sandbox> sandbox(String podUid) {
    return nodes.values().stream()
        .map(n -> n.network().sandbox(podUid))
        .filter(java.util.Objects::nonNull)
        .findFirst();
  }

  /** The registered node names. */
  public List<String> nodeNames() {
    return List.copyOf(nodes.keySet());
  }

  /** Stops watching, stops every container (SIGTERM, 5 s, SIGKILL) and removes the networks. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    informers.forEach(SharedIndexInformer::close);
    if (logs != null) {
      logs.close();
    }
    ticks.values().forEach(t -> t.cancel(false));
    timer.shutdownNow();
    List<Thread> stops = new ArrayList<>();
    for (PodWorker worker : workers.values()) {
      Thread stop = new Thread(() -> worker.terminate(false, CLOSE_GRACE), "kubelet-close");
      stop.start();
      stops.add(stop);
    }
    for (Thread stop : stops) {
      try {
        stop.join(TimeUnit.SECONDS.toMillis(20));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    terminations.shutdownNow();
    nodes.values().forEach(n -> n.network().close());
    LOG.info("process kubelet stopped ({} pods)", workers.size());
    workers.clear();
  }
}
