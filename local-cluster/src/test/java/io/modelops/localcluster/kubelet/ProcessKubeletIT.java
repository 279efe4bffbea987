package io.modelops.localcluster.kubelet;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.modelops.localcluster.ControlPlaneBinaries;
import io.modelops.localcluster.LocalControlPlane;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The process kubelet on a real control plane: pods become real processes in their own network
 * namespaces with the pod's environment, volumes, user and read-only root; probes drive readiness
 * and EndpointSlices; crashes restart with back-off; unknown images fail to pull; GPU pods land on
 * the GPU node; deletion honours the preStop hook; closing leaves nothing behind. Needs root
 * (network and mount namespaces), as the local cluster does.
 */
class ProcessKubeletIT {

  private static final String NS = "kubelet-it";
  private static final String ECHO = "modelops-test/echo:1";
  private static LocalControlPlane plane;
  private static KubernetesClient client;
  private static ProcessKubelet kubelet;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @BeforeAll
  static void start() {
    var unsupported = ProcessKubelet.unsupportedReason();
    assumeTrue(unsupported.isEmpty(), () -> "process kubelet cannot run here: " + unsupported);
    plane =
        LocalControlPlane.start(ControlPlaneBinaries.load(), Path.of("target/kubelet-it"), false);
    client = plane.client();
    var catalog =
        new ImageCatalog()
            .with(
                "modelops-test/echo",
                new ImageProgram(
                    List.of("java", "-XX:TieredStopAtLevel=1", "/app/Echo.java"),
                    List.of(),
                    Map.of(
                        "/app/Echo.java",
                        Path.of("target/test-classes/programs/Echo.java").toAbsolutePath()),
                    1000,
                    1000,
                    Map.of("IMAGE_ENV", "from-image"),
                    "/",
                    true));
    kubelet =
        ProcessKubelet.start(
            client,
            new ProcessKubelet.Config(
                List.of(
                    NodeSpec.cpu("cpu-node", "4", "8Gi"),
                    NodeSpec.gpu("gpu-node", "4", "8Gi", 1, "NVIDIA-H200")),
                catalog,
                Path.of("target/kubelet-it")));
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
        .create();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> client.serviceAccounts().inNamespace(NS).withName("default").get() != null);
  }

  @AfterAll
  static void stop() {
    if (kubelet != null) {
      kubelet.close();
    }
    if (client != null) {
      client.close();
    }
    if (plane != null) {
      plane.close();
    }
  }

  @Test
  void podRunsAsAProcessWithItsEnvironmentVolumesUserAndAddress() throws Exception {
    client
        .configMaps()
        .inNamespace(NS)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("settings")
                .endMetadata()
                .addToData("mode", "fast")
                .addToData("settings.txt", "a=1\n")
                .build())
        .create();
    client
        .secrets()
        .inNamespace(NS)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("creds")
                .endMetadata()
                .addToStringData("token", "s3cr3t")
                .build())
        .create();
    var pod =
        echoPod("env")
            .editSpec()
            .editFirstContainer()
            .addNewEnv()
            .withName("POD_NAME")
            .withNewValueFrom()
            .withNewFieldRef()
            .withFieldPath("metadata.name")
            .endFieldRef()
            .endValueFrom()
            .endEnv()
            .addNewEnv()
            .withName("POD_IP")
            .withNewValueFrom()
            .withNewFieldRef()
            .withFieldPath("status.podIP")
            .endFieldRef()
            .endValueFrom()
            .endEnv()
            .addNewEnv()
            .withName("MODE")
            .withNewValueFrom()
            .withNewConfigMapKeyRef()
            .withName("settings")
            .withKey("mode")
            .endConfigMapKeyRef()
            .endValueFrom()
            .endEnv()
            .addNewEnv()
            .withName("TOKEN")
            .withNewValueFrom()
            .withNewSecretKeyRef()
            .withName("creds")
            .withKey("token")
            .endSecretKeyRef()
            .endValueFrom()
            .endEnv()
            .addNewEnv()
            .withName("GREETING")
            .withValue("hello $(POD_NAME)")
            .endEnv()
            .addNewVolumeMount()
            .withName("config")
            .withMountPath("/etc/echo")
            .endVolumeMount()
            .addNewVolumeMount()
            .withName("scratch")
            .withMountPath("/scratch")
            .endVolumeMount()
            .endContainer()
            .addNewVolume()
            .withName("config")
            .withNewConfigMap()
            .withName("settings")
            .endConfigMap()
            .endVolume()
            .addNewVolume()
            .withName("scratch")
            .withNewEmptyDir()
            .endEmptyDir()
            .endVolume()
            .endSpec()
            .build();
    client.pods().inNamespace(NS).resource(pod).create();
    Pod ready = awaitReady("env");
    String ip = ready.getStatus().getPodIP();
    assertTrue(ip.startsWith("10.244."), ip);
    assertEquals("cpu-node", ready.getSpec().getNodeName());
    assertEquals(
        ready.getStatus().getHostIP(),
        client.nodes().withName("cpu-node").get().getStatus().getAddresses().get(0).getAddress());

    String env = get(ip, "/env");
    assertTrue(env.contains("POD_NAME=env\n"), env);
    assertTrue(env.contains("POD_IP=" + ip + "\n"), env);
    assertTrue(env.contains("MODE=fast\n"), env);
    assertTrue(env.contains("TOKEN=s3cr3t\n"), env);
    assertTrue(env.contains("GREETING=hello env\n"), env);
    assertTrue(env.contains("IMAGE_ENV=from-image\n"), env);
    assertTrue(env.contains("KUBERNETES_SERVICE_HOST=kubernetes.default.svc\n"), env);
    assertTrue(env.contains("JAVA_TOOL_OPTIONS=-XX:MaxRAM=268435456"), env);
    assertEquals("a=1\n", get(ip, "/file?path=/etc/echo/settings.txt"));
    assertEquals(NS, get(ip, "/file?path=/var/run/secrets/kubernetes.io/serviceaccount/namespace"));
    assertTrue(
        get(ip, "/file?path=/var/run/secrets/kubernetes.io/serviceaccount/token")
            .startsWith("eyJ"));
    assertTrue(get(ip, "/id").matches("Uid:\\s+1000\\s+1000\\s+1000\\s+1000"), get(ip, "/id"));
    assertEquals("written", get(ip, "/write?path=/scratch/x"));
    assertTrue(get(ip, "/write?path=/app/x").contains("Read-only file system"));
    assertTrue(get(ip, "/write?path=/opt-new").contains("Read-only file system"));
    assertTrue(get(ip, "/file?path=/etc/hosts").contains("kubernetes.default.svc"));
    // kubectl logs: the API server proxies to the kubelet endpoint the Node advertises.
    var logs = plane.run("kubectl", "logs", "-n", NS, "env");
    assertEquals(0, logs.exitCode(), logs.output());
    assertTrue(logs.output().contains("echo: listening on 8080 as"), logs.output());
    var tail = plane.run("kubectl", "logs", "-n", NS, "env", "--tail=1");
    assertEquals(1, tail.output().strip().lines().count(), tail.output());
  }

  @Test
  void readinessProbeDrivesTheEndpointSlice() throws Exception {
    client
        .pods()
        .inNamespace(NS)
        .resource(
            echoPod("ready-a").editMetadata().addToLabels("app", "ready").endMetadata().build())
        .create();
    client
        .services()
        .inNamespace(NS)
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName("ready")
                .endMetadata()
                .withNewSpec()
                .addToSelector("app", "ready")
                .addNewPort()
                .withPort(80)
                .withNewTargetPort(8080)
                .endPort()
                .endSpec()
                .build())
        .create();
    String ip = awaitReady("ready-a").getStatus().getPodIP();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> endpointReady("ready", ip), Boolean.TRUE::equals);
    get(ip, "/unready");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> endpointReady("ready", ip), Boolean.FALSE::equals);
    assertFalse(isReady(client.pods().inNamespace(NS).withName("ready-a").get()));
  }

  @Test
  void crashedContainerRestartsWithBackOffAndItsTerminationMessage() throws Exception {
    client.pods().inNamespace(NS).resource(echoPod("crash").build()).create();
    String ip = awaitReady("crash").getStatus().getPodIP();
    try {
      get(ip, "/exit?code=3");
    } catch (IOException expected) {
      // the process exits while answering
    }
    ContainerStatus restarted =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> status("crash"),
                s ->
                    s != null
                        && s.getRestartCount() >= 1
                        && s.getLastState().getTerminated() != null);
    assertEquals(3, restarted.getLastState().getTerminated().getExitCode());
    assertEquals("Error", restarted.getLastState().getTerminated().getReason());
    assertEquals("echo exited with 3", restarted.getLastState().getTerminated().getMessage());
    // First exit: restarted at once. The second exit backs off 10 s.
    String again = awaitReady("crash").getStatus().getPodIP();
    assertEquals(ip, again);
    // The restarted container's logs are current; the crashed one's are --previous.
    var previous = plane.run("kubectl", "logs", "-n", NS, "crash", "--previous");
    assertTrue(previous.output().contains("echo: exiting with 3"), previous.output());
    try {
      get(ip, "/exit?code=4");
    } catch (IOException expected) {
      // as above
    }
    ContainerStatus backingOff =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> status("crash"),
                s ->
                    s != null
                        && s.getState().getWaiting() != null
                        && "CrashLoopBackOff".equals(s.getState().getWaiting().getReason()));
    assertTrue(
        backingOff
            .getState()
            .getWaiting()
            .getMessage()
            .startsWith("back-off 10s restarting failed container=echo pod=crash_" + NS),
        backingOff.getState().getWaiting().getMessage());
    assertEquals(2, backingOff.getRestartCount());
    awaitReady("crash");
  }

  @Test
  void unknownImageFailsToPullAsARealKubeletSays() {
    client
        .pods()
        .inNamespace(NS)
        .resource(
            echoPod("nopull")
                .editSpec()
                .editFirstContainer()
                .withImage("registry.example/nothing:1")
                .endContainer()
                .endSpec()
                .build())
        .create();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> status("nopull"),
            s ->
                s != null
                    && s.getState().getWaiting() != null
                    && "ImagePullBackOff".equals(s.getState().getWaiting().getReason()));
    assertEquals(
        "Pending", client.pods().inNamespace(NS).withName("nopull").get().getStatus().getPhase());
  }

  @Test
  void gpuPodLandsOnTheGpuNode() {
    client
        .pods()
        .inNamespace(NS)
        .resource(
            echoPod("gpu")
                .editSpec()
                .editFirstContainer()
                .editResources()
                .addToLimits("nvidia.com/gpu", new Quantity("1"))
                .endResources()
                .endContainer()
                .endSpec()
                .build())
        .create();
    Pod pod = awaitReady("gpu");
    assertEquals("gpu-node", pod.getSpec().getNodeName());
    assertEquals(
        "NVIDIA-H200",
        client
            .nodes()
            .withName("gpu-node")
            .get()
            .getMetadata()
            .getLabels()
            .get("nvidia.com/gpu.product"));
  }

  @Test
  void deletionRunsPreStopThenStopsTheProcessAndRemovesThePod() throws Exception {
    client
        .pods()
        .inNamespace(NS)
        .resource(
            echoPod("bye")
                .editSpec()
                .withTerminationGracePeriodSeconds(20L)
                .editFirstContainer()
                .withNewLifecycle()
                .withNewPreStop()
                .withNewSleep()
                .withSeconds(2L)
                .endSleep()
                .endPreStop()
                .endLifecycle()
                .endContainer()
                .endSpec()
                .build())
        .create();
    Pod pod = awaitReady("bye");
    String ip = pod.getStatus().getPodIP();
    Path dir = kubelet.podDir(NS, "bye").orElseThrow();
    String netns = kubelet.sandbox(pod.getMetadata().getUid()).orElseThrow().netns();
    assertTrue(Commands.run("ip", "netns", "list").contains(netns));
    long start = System.nanoTime();
    client.pods().inNamespace(NS).withName("bye").delete();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> client.pods().inNamespace(NS).withName("bye").get() == null);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(millis >= 2000, "preStop sleep of 2 s honoured, took " + millis + " ms");
    String log = java.nio.file.Files.readString(dir.resolve("logs/echo/0.log"));
    assertTrue(log.contains("echo: SIGTERM, bye"), log);
    assertTrue(kubelet.sandbox(pod.getMetadata().getUid()).isEmpty());
    assertGone(ip, netns);
  }

  private static void assertGone(String ip, String netns) {
    try {
      String answer = get(ip, "/ready");
      throw new AssertionError("pod address " + ip + " still answers: " + answer);
    } catch (IOException | InterruptedException expected) {
      // no route to a pod that is gone
    }
    assertFalse(Commands.run("ip", "netns", "list").contains(netns), netns + " left behind");
  }

  private static PodBuilder echoPod(String name) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .endMetadata()
        .withNewSpec()
        .withTerminationGracePeriodSeconds(5L)
        .addNewContainer()
        .withName("echo")
        .withImage(ECHO)
        .addNewPort()
        .withName("http")
        .withContainerPort(8080)
        .endPort()
        .withNewResources()
        .addToRequests("cpu", new Quantity("100m"))
        .addToLimits("memory", new Quantity("256Mi"))
        .endResources()
        .withNewReadinessProbe()
        .withNewHttpGet()
        .withPath("/ready")
        .withNewPort("http")
        .endHttpGet()
        .withPeriodSeconds(1)
        .withFailureThreshold(1)
        .endReadinessProbe()
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withReadOnlyRootFilesystem(true)
        .withAllowPrivilegeEscalation(false)
        .endSecurityContext()
        .addNewVolumeMount()
        .withName("tmp")
        .withMountPath("/tmp")
        .endVolumeMount()
        .endContainer()
        .addNewVolume()
        .withName("tmp")
        .withNewEmptyDir()
        .endEmptyDir()
        .endVolume()
        .endSpec();
  }

  private static Pod awaitReady(String name) {
    return await()
        .atMost(Duration.ofSeconds(90))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(300))
        .until(
            () -> client.pods().inNamespace(NS).withName(name).get(), p -> p != null && isReady(p));
  }

  private static boolean isReady(Pod pod) {
    return pod.getStatus() != null
        && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static ContainerStatus status(String name) {
    Pod pod = client.pods().inNamespace(NS).withName(name).get();
    return pod == null
            || pod.getStatus() == null
            || pod.getStatus().getContainerStatuses() == null
            || pod.getStatus().getContainerStatuses().isEmpty()
        ? null
        : pod.getStatus().getContainerStatuses().get(0);
  }

  private static Boolean endpointReady(String service, String ip) {
    List<EndpointSlice> slices =
        client
            .discovery()
            .v1()
            .endpointSlices()
            .inNamespace(NS)
            .withLabel("kubernetes.io/service-name", service)
            .list()
            .getItems();
    return slices.stream()
        .flatMap(
            s ->
                s.getEndpoints() == null
                    ? java.util.stream.Stream.empty()
                    : s.getEndpoints().stream())
        .filter(e -> e.getAddresses().contains(ip))
        .map(e -> Objects.equals(Boolean.TRUE, e.getConditions().getReady()))
        .findFirst()
        .orElse(null);
  }

  private static String get(String ip, String path) throws IOException, InterruptedException {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create("http://" + ip + ":8080" + path))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
