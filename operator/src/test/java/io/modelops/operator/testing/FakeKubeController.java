package io.modelops.operator.testing;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateTerminatedBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays kube-controller-manager (Deployment controller) and the kubelet against any {@link
 * KubernetesClient}, for API servers that run no controllers (the fabric8 mock server, the local
 * harness).
 *
 * <p>For every Deployment it creates Pods from the template (owned by the Deployment, labelled with
 * a {@code pod-template-hash}), replaces old-template pods only once the new ones are ready
 * (maxUnavailable 0, so a broken rollout leaves the old pods serving), and writes the Deployment
 * status: replicas, updated/ready/available replicas, observedGeneration and the Available and
 * Progressing conditions. Pod start-up is decided by a {@link PodStarter}; failure hooks make pods
 * of given images fail to pull or crash. All work runs on one thread, one Deployment at a time.
 */
public final class FakeKubeController implements AutoCloseable {

  /** Label the fake puts on pods: the hash of the template they were created from. */
  public static final String POD_TEMPLATE_HASH = "pod-template-hash";

  private static final Logger LOG = LoggerFactory.getLogger(FakeKubeController.class);
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final KubernetesClient client;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "fake-kube-controller");
            t.setDaemon(true);
            return t;
          });
  private final Set<String> pending = ConcurrentHashMap.newKeySet();
  private final Map<String, Boolean> readiness = new ConcurrentHashMap<>();
  private volatile PodStarter starter = PodStarter.READY;
  private volatile Predicate<String> imagePullFails = image -> false;
  private volatile Predicate<String> crashLoops = image -> false;
  private volatile Predicate<Pod> exitingPods = pod -> false;
  private volatile ContainerStateTerminated lastExit;
  private volatile boolean deadlineOnFailure = true;

  /** Pods per Deployment ("ns/name" -> pod name -> pod): what this fake knows exists. */
  private final Map<String, Map<String, Pod>> podsByOwner = new ConcurrentHashMap<>();

  /** Pods this fake deleted whose delete event has not arrived yet. */
  private final Set<String> deleted = ConcurrentHashMap.newKeySet();

  private SharedIndexInformer<Deployment> informer;
  private SharedIndexInformer<Pod> podInformer;

  public FakeKubeController(KubernetesClient client) {
    this.client = client;
  }

  /** Plugs in the kubelet behaviour (default: every pod ready at once). */
  public FakeKubeController withPodStarter(PodStarter starter) {
    this.starter = Objects.requireNonNull(starter);
    return this;
  }

  /** Pods whose container image matches fail to pull (ImagePullBackOff). */
  public FakeKubeController failImagePull(Predicate<String> image) {
    this.imagePullFails = Objects.requireNonNull(image);
    return this;
  }

  /** Pods whose container image equals {@code image} fail to pull. */
  public FakeKubeController failImagePull(String image) {
    return failImagePull(image::equals);
  }

  /** Pods whose container image matches crash on start (CrashLoopBackOff). */
  public FakeKubeController crashLoop(Predicate<String> image) {
    this.crashLoops = Objects.requireNonNull(image);
    return this;
  }

  /**
   * Pods that match crash on start (CrashLoopBackOff) and report their last run as terminated with
   * this exit code and termination message (e.g. the runtime failing to load its model).
   */
  public FakeKubeController crashLoop(Predicate<Pod> pod, int exitCode, String message) {
    this.lastExit =
        new ContainerStateTerminatedBuilder()
            .withExitCode(exitCode)
            .withReason("Error")
            .withMessage(message)
            .build();
    this.exitingPods = Objects.requireNonNull(pod);
    return this;
  }

  /**
   * Whether a rollout with failing pods reports {@code Progressing=False} with reason
   * ProgressDeadlineExceeded at once (default true; a real cluster waits progressDeadlineSeconds).
   */
  public FakeKubeController reportDeadlineOnFailure(boolean report) {
    this.deadlineOnFailure = report;
    return this;
  }

  /**
   * Starts watching Deployments and Pods in all namespaces. A pod deleted by someone else (a drill,
   * a test) is replaced, as the ReplicaSet controller would.
   */
  public FakeKubeController start() {
    podInformer =
        client
            .pods()
            .inAnyNamespace()
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Pod pod) {
                    remember(pod);
                  }

                  @Override
                  public void onUpdate(Pod before, Pod after) {
                    remember(after);
                  }

                  @Override
                  public void onDelete(Pod pod, boolean unknownFinalState) {
                    forget(pod);
                  }
                });
    informer =
        client
            .apps()
            .deployments()
            .inAnyNamespace()
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Deployment d) {
                    enqueue(d.getMetadata().getNamespace(), d.getMetadata().getName());
                  }

                  @Override
                  public void onUpdate(Deployment before, Deployment after) {
                    enqueue(after.getMetadata().getNamespace(), after.getMetadata().getName());
                  }

                  @Override
                  public void onDelete(Deployment d, boolean unknownFinalState) {
                    enqueue(d.getMetadata().getNamespace(), d.getMetadata().getName());
                  }
                });
    return this;
  }

  /** Marks a pod (started as {@link PodOutcome#STARTING}) ready or not ready. */
  public void setPodReady(String namespace, String podName, boolean ready) {
    worker.execute(() -> updatePodReadiness(namespace, podName, ready));
  }

  /** Runs the controller once more for every Deployment (e.g. after changing a hook). */
  public void resyncAll() {
    for (Deployment d : client.apps().deployments().inAnyNamespace().list().getItems()) {
      enqueue(d.getMetadata().getNamespace(), d.getMetadata().getName());
    }
  }

  @Override
  public void close() {
    if (informer != null) {
      informer.stop();
    }
    if (podInformer != null) {
      podInformer.stop();
    }
    worker.shutdownNow();
    try {
      worker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void enqueue(String namespace, String name) {
    String key = namespace + "/" + name;
    if (pending.add(key)) {
      worker.execute(
          () -> {
            pending.remove(key);
            try {
              sync(namespace, name);
            } catch (KubernetesClientException e) {
              if (e.getCode() == 409) {
                enqueue(namespace, name); // lost a race with another writer: read again
              } else {
                LOG.warn("fake controller: {} failed: {}", key, e.getMessage());
              }
            } catch (RuntimeException e) {
              LOG.warn("fake controller: {} failed", key, e);
            }
          });
    }
  }

  private void sync(String namespace, String name) {
    Deployment d = client.apps().deployments().inNamespace(namespace).withName(name).get();
    List<Pod> owned = ownedPods(namespace, name, d);
    if (d == null || d.getMetadata().getDeletionTimestamp() != null) {
      owned.forEach(this::deletePod);
      return;
    }
    int desired = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    String hash = templateHash(d);
    boolean paused = Boolean.TRUE.equals(d.getSpec().getPaused());

    List<Pod> current = new ArrayList<>();
    List<Pod> old = new ArrayList<>();
    for (Pod p : owned) {
      (hash.equals(p.getMetadata().getLabels().get(POD_TEMPLATE_HASH)) ? current : old).add(p);
    }
    if (!paused || current.size() > 0) {
      while (current.size() < desired) {
        current.add(createPod(d, hash));
      }
      while (current.size() > desired) {
        Pod victim = current.stream().filter(p -> !isReady(p)).findFirst().orElse(current.get(0));
        current.remove(victim);
        deletePod(victim);
      }
    }
    long currentReady = current.stream().filter(this::isReady).count();
    if (currentReady >= desired && !old.isEmpty() && (!paused || current.size() > 0)) {
      old.forEach(this::deletePod);
      old.clear();
    }
    writeStatus(d, current, old, desired, paused);
  }

  private void writeStatus(
      Deployment d, List<Pod> current, List<Pod> old, int desired, boolean paused) {
    int total = current.size() + old.size();
    int ready =
        (int)
            (current.stream().filter(this::isReady).count()
                + old.stream().filter(this::isReady).count());
    int updated = current.size();
    boolean failing = current.stream().anyMatch(this::isFailing);
    boolean complete = updated >= desired && old.isEmpty() && ready >= desired;

    List<DeploymentCondition> conditions = new ArrayList<>();
    conditions.add(
        condition(
            d,
            "Available",
            ready >= desired,
            ready >= desired ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
            ready >= desired
                ? "Deployment has minimum availability."
                : "Deployment does not have minimum availability."));
    if (paused && !complete) {
      conditions.add(
          condition(d, "Progressing", false, "DeploymentPaused", "Deployment is paused"));
    } else if (failing && deadlineOnFailure) {
      conditions.add(
          condition(
              d,
              "Progressing",
              false,
              "ProgressDeadlineExceeded",
              "ReplicaSet \""
                  + d.getMetadata().getName()
                  + "-"
                  + templateHash(d)
                  + "\" has timed out progressing."));
    } else if (complete) {
      conditions.add(
          condition(
              d,
              "Progressing",
              true,
              "NewReplicaSetAvailable",
              "ReplicaSet has successfully progressed."));
    } else {
      conditions.add(
          condition(d, "Progressing", true, "ReplicaSetUpdated", "ReplicaSet is progressing."));
    }
    Long generation = d.getMetadata().getGeneration();
    DeploymentStatus status =
        new DeploymentStatusBuilder()
            .withObservedGeneration(generation == null ? 1L : generation)
            .withReplicas(total)
            .withUpdatedReplicas(updated)
            .withReadyReplicas(ready)
            .withAvailableReplicas(ready)
            .withUnavailableReplicas(Math.max(0, total - ready) == 0 ? null : total - ready)
            .withConditions(conditions)
            .build();
    if (sameStatus(d.getStatus(), status)) {
      return;
    }
    Deployment copy = client.getKubernetesSerialization().clone(d);
    copy.setStatus(status);
    client.resource(copy).updateStatus();
  }

  private DeploymentCondition condition(
      Deployment d, String type, boolean status, String reason, String message) {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    String transition = now;
    if (d.getStatus() != null && d.getStatus().getConditions() != null) {
      for (DeploymentCondition c : d.getStatus().getConditions()) {
        if (type.equals(c.getType()) && (status ? "True" : "False").equals(c.getStatus())) {
          transition = c.getLastTransitionTime();
        }
      }
    }
    return new DeploymentConditionBuilder()
        .withType(type)
        .withStatus(status ? "True" : "False")
        .withReason(reason)
        .withMessage(message)
        .withLastTransitionTime(transition)
        .withLastUpdateTime(transition)
        .build();
  }

  private static boolean sameStatus(DeploymentStatus a, DeploymentStatus b) {
    if (a == null) {
      return false;
    }
    return Objects.equals(a.getObservedGeneration(), b.getObservedGeneration())
        && Objects.equals(a.getReplicas(), b.getReplicas())
        && Objects.equals(a.getUpdatedReplicas(), b.getUpdatedReplicas())
        && Objects.equals(a.getReadyReplicas(), b.getReadyReplicas())
        && Objects.equals(a.getAvailableReplicas(), b.getAvailableReplicas())
        && conditionKey(a).equals(conditionKey(b));
  }

  private static List<String> conditionKey(DeploymentStatus s) {
    List<String> key = new ArrayList<>();
    if (s.getConditions() != null) {
      for (DeploymentCondition c : s.getConditions()) {
        key.add(c.getType() + "=" + c.getStatus() + "/" + c.getReason());
      }
    }
    return key;
  }

  private List<Pod> ownedPods(String namespace, String deploymentName, Deployment d) {
    Map<String, Pod> pods = podsByOwner.get(namespace + "/" + deploymentName);
    if (pods == null) {
      return new ArrayList<>();
    }
    List<Pod> result = new ArrayList<>();
    for (Pod p : pods.values()) {
      String uid = ownerReference(p).map(OwnerReference::getUid).orElse(null);
      if (d == null || uid == null || uid.equals(d.getMetadata().getUid())) {
        result.add(p);
      }
    }
    return result;
  }

  private static java.util.Optional<OwnerReference> ownerReference(Pod pod) {
    List<OwnerReference> refs = pod.getMetadata().getOwnerReferences();
    if (refs == null) {
      return java.util.Optional.empty();
    }
    return refs.stream().filter(r -> "Deployment".equals(r.getKind())).findFirst();
  }

  private static String ownerKey(Pod pod) {
    return ownerReference(pod)
        .map(r -> pod.getMetadata().getNamespace() + "/" + r.getName())
        .orElse(null);
  }

  /** Pod informer add/update, and this fake's own writes. */
  private void remember(Pod pod) {
    String owner = ownerKey(pod);
    if (owner == null || deleted.contains(key(pod))) {
      return;
    }
    podsByOwner
        .computeIfAbsent(owner, k -> new ConcurrentHashMap<>())
        .merge(pod.getMetadata().getName(), pod, (old, now) -> newer(old, now));
  }

  /** The later of two versions of a pod (events can arrive after this fake's own writes). */
  private static Pod newer(Pod old, Pod now) {
    try {
      long a = Long.parseLong(old.getMetadata().getResourceVersion());
      long b = Long.parseLong(now.getMetadata().getResourceVersion());
      return b >= a ? now : old;
    } catch (NumberFormatException | NullPointerException e) {
      return now;
    }
  }

  /** Pod informer delete: drop it, and let its Deployment replace it if it was not ours. */
  private void forget(Pod pod) {
    String owner = ownerKey(pod);
    boolean ours = deleted.remove(key(pod));
    if (owner == null) {
      return;
    }
    Map<String, Pod> pods = podsByOwner.get(owner);
    if (pods != null) {
      pods.remove(pod.getMetadata().getName());
    }
    if (!ours) {
      // Deleted by someone else (a test, a drill): the "container" stops, the owner replaces it.
      readiness.remove(key(pod));
      starter.stopped(pod);
      String[] nsName = owner.split("/", 2);
      enqueue(nsName[0], nsName[1]);
    }
  }

  private Pod createPod(Deployment d, String hash) {
    var template = d.getSpec().getTemplate();
    Map<String, String> labels = new HashMap<>();
    if (template.getMetadata() != null && template.getMetadata().getLabels() != null) {
      labels.putAll(template.getMetadata().getLabels());
    }
    labels.put(POD_TEMPLATE_HASH, hash);
    String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xFFFFFF));
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(d.getMetadata().getName() + "-" + hash + "-" + suffix)
            .withNamespace(d.getMetadata().getNamespace())
            .withLabels(labels)
            .withAnnotations(
                template.getMetadata() == null ? null : template.getMetadata().getAnnotations())
            .withOwnerReferences(
                new OwnerReferenceBuilder()
                    .withApiVersion("apps/v1")
                    .withKind("Deployment")
                    .withName(d.getMetadata().getName())
                    .withUid(d.getMetadata().getUid())
                    .withController(true)
                    .withBlockOwnerDeletion(true)
                    .build())
            .endMetadata()
            .withSpec(template.getSpec())
            .withStatus(new PodStatusBuilder().withPhase("Pending").build())
            .build();
    Pod created = client.resource(pod).create();
    remember(created);
    String image = created.getSpec().getContainers().get(0).getImage();
    PodOutcome outcome;
    if (imagePullFails.test(image)) {
      outcome = PodOutcome.IMAGE_PULL_BACKOFF;
    } else if (exitingPods.test(created)) {
      return writePodStatus(created, PodOutcome.CRASH_LOOP_BACKOFF, lastExit);
    } else if (crashLoops.test(image)) {
      outcome = PodOutcome.CRASH_LOOP_BACKOFF;
    } else {
      outcome = starter.started(created, d, this);
    }
    return writePodStatus(created, outcome);
  }

  private Pod writePodStatus(Pod pod, PodOutcome outcome) {
    return writePodStatus(pod, outcome, null);
  }

  private Pod writePodStatus(Pod pod, PodOutcome outcome, ContainerStateTerminated lastExit) {
    boolean ready = outcome == PodOutcome.READY;
    readiness.put(key(pod), ready);
    Pod copy = client.getKubernetesSerialization().clone(pod);
    copy.setStatus(podStatus(pod, outcome, lastExit));
    try {
      Pod updated = client.resource(copy).updateStatus();
      remember(updated);
      return updated;
    } catch (KubernetesClientException e) {
      // The pod may have been deleted meanwhile; keep the local view.
      return copy;
    }
  }

  private void updatePodReadiness(String namespace, String podName, boolean ready) {
    Pod pod = client.pods().inNamespace(namespace).withName(podName).get();
    if (pod == null) {
      return;
    }
    writePodStatus(pod, ready ? PodOutcome.READY : PodOutcome.STARTING);
    pod.getMetadata().getOwnerReferences().stream()
        .filter(r -> "Deployment".equals(r.getKind()))
        .findFirst()
        .ifPresent(r -> enqueue(namespace, r.getName()));
  }

  private static PodStatus podStatus(
      Pod pod, PodOutcome outcome, ContainerStateTerminated lastExit) {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    List<ContainerStatus> containers = new ArrayList<>();
    boolean ready = outcome == PodOutcome.READY;
    for (var c : pod.getSpec().getContainers()) {
      var cs =
          new ContainerStatusBuilder()
              .withName(c.getName())
              .withImage(c.getImage())
              .withReady(ready)
              .withStarted(outcome == PodOutcome.READY || outcome == PodOutcome.STARTING)
              .withRestartCount(outcome == PodOutcome.CRASH_LOOP_BACKOFF ? 5 : 0);
      switch (outcome) {
        case IMAGE_PULL_BACKOFF ->
            cs.withNewState()
                .withNewWaiting()
                .withReason("ImagePullBackOff")
                .withMessage("Back-off pulling image \"" + c.getImage() + "\"")
                .endWaiting()
                .endState();
        case CRASH_LOOP_BACKOFF ->
            cs.withNewState()
                .withNewWaiting()
                .withReason("CrashLoopBackOff")
                .withMessage("back-off 5m0s restarting failed container=" + c.getName())
                .endWaiting()
                .endState();
        default -> cs.withNewState().withNewRunning().withStartedAt(now).endRunning().endState();
      }
      if (lastExit != null) {
        cs.withNewLastState().withTerminated(lastExit).endLastState();
      }
      containers.add(cs.build());
    }
    PodCondition readyCondition =
        new PodConditionBuilder()
            .withType("Ready")
            .withStatus(ready ? "True" : "False")
            .withLastTransitionTime(now)
            .build();
    return new PodStatusBuilder()
        .withPhase(outcome == PodOutcome.IMAGE_PULL_BACKOFF ? "Pending" : "Running")
        .withConditions(readyCondition)
        .withContainerStatuses(containers)
        .withPodIP("127.0.0.1")
        .withStartTime(now)
        .build();
  }

  private boolean isReady(Pod pod) {
    Boolean known = readiness.get(key(pod));
    if (known != null) {
      return known;
    }
    return pod.getStatus() != null
        && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private boolean isFailing(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return false;
    }
    return pod.getStatus().getContainerStatuses().stream()
        .anyMatch(
            c ->
                c.getState() != null
                    && c.getState().getWaiting() != null
                    && c.getState().getWaiting().getReason() != null
                    && !"ContainerCreating".equals(c.getState().getWaiting().getReason()));
  }

  private void deletePod(Pod pod) {
    readiness.remove(key(pod));
    deleted.add(key(pod));
    String owner = ownerKey(pod);
    if (owner != null && podsByOwner.containsKey(owner)) {
      podsByOwner.get(owner).remove(pod.getMetadata().getName());
    }
    client.resource(pod).delete();
    starter.stopped(pod);
  }

  private static String key(Pod pod) {
    return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
  }

  /** A short hash of the pod template, like the ReplicaSet's pod-template-hash. */
  public static String templateHash(Deployment d) {
    try {
      String json = SERIALIZATION.asJson(d.getSpec().getTemplate());
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
