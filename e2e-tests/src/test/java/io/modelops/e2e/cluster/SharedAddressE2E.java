package io.modelops.e2e.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.modelops.localcluster.kubelet.PodPorts;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The process kubelet without root, on the run's cluster: a second kubelet in a JVM of its own
 * running as {@code nobody} ({@link NonRootKubelet}) chooses shared-address mode by itself and
 * registers one node that takes only the runtime pod bound to it. The pod comes up Ready with the
 * machine's shared address as its IP and its container port on a host port of its own (annotation),
 * probed there, its process running as {@code nobody}; a real V2 inference goes through the Service
 * proxy to it; what the kubelet cannot honour (readOnlyRootFilesystem, runAsUser, fsGroup) is
 * reported as a Warning Event.
 */
@ExtendWith(SharedCluster.class)
class SharedAddressE2E {

  private static final String NS = "shared-address-e2e";
  private static final String NODE = "shared-address-node";
  private static final String MODEL = "ctr-ranker";
  private static KubernetesClient client;
  private static NonRootKubelet kubelet;

  @BeforeAll
  static void start() {
    var cluster = SharedCluster.cluster();
    client = cluster.client();
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
        .create();
    // Bound before its node exists, to a node of one pod: the scheduler never puts others there.
    client.pods().inNamespace(NS).resource(runtimePod()).create();
    client
        .services()
        .inNamespace(NS)
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName("shared-runtime")
                .endMetadata()
                .withNewSpec()
                .addToSelector("app", "shared-runtime")
                .addNewPort()
                .withName("http")
                .withPort(80)
                .withTargetPort(new IntOrString("http"))
                .endPort()
                .endSpec()
                .build())
        .create();
    kubelet =
        NonRootKubelet.start(
            client,
            SharedCluster.REPO,
            Path.of("target/shared-address-e2e").toAbsolutePath(),
            NODE);
  }

  private static Pod runtimePod() {
    return new PodBuilder()
        .withNewMetadata()
        .withName("runtime")
        .addToLabels("app", "shared-runtime")
        .endMetadata()
        .withNewSpec()
        .withNodeName(NODE)
        .withTerminationGracePeriodSeconds(5L)
        .withNewSecurityContext()
        .withFsGroup(10001L)
        .endSecurityContext()
        .addNewContainer()
        .withName("runtime")
        .withImage(ProjectImages.RUNTIME + ":test")
        .addNewPort()
        .withName("http")
        .withContainerPort(8080)
        .endPort()
        .addNewEnv()
        .withName("MODEL_NAME")
        .withValue(MODEL)
        .endEnv()
        .addNewEnv()
        .withName("MODEL_URI")
        .withValue("file:///models/ctr-ranker-2026-11-13.onnx")
        .endEnv()
        .addNewEnv()
        .withName("RUNTIME_PORT")
        .withValue("8080")
        .endEnv()
        .addNewVolumeMount()
        .withName("cache")
        .withMountPath("/var/cache/modelops")
        .endVolumeMount()
        .withNewReadinessProbe()
        .withNewHttpGet()
        .withPath("/v2/health/ready")
        .withPort(new IntOrString("http"))
        .endHttpGet()
        .withPeriodSeconds(1)
        .endReadinessProbe()
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withRunAsUser(10001L)
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .endSecurityContext()
        .endContainer()
        .addNewVolume()
        .withName("cache")
        .withNewEmptyDir()
        .endEmptyDir()
        .endVolume()
        .endSpec()
        .build();
  }

  @AfterAll
  static void stop() {
    if (client == null) {
      return;
    }
    client.namespaces().withName(NS).delete();
    if (kubelet != null) {
      kubelet.close();
    }
    client.nodes().withName(NODE).delete();
  }

  @Test
  void runtimePodServesOnTheSharedAddressThroughTheServiceProxy() throws Exception {
    Pod pod;
    try {
      pod =
          client
              .pods()
              .inNamespace(NS)
              .withName("runtime")
              .waitUntilCondition(
                  ModelOpsCluster::isReady, 3, java.util.concurrent.TimeUnit.MINUTES);
    } catch (RuntimeException e) {
      throw new AssertionError("runtime pod not Ready; the kubelet said:\n" + kubelet.log(), e);
    }
    assertTrue(kubelet.log().contains("network mode shared-address (not root)"), kubelet.log());
    long pid =
        Long.parseLong(
            pod.getStatus()
                .getContainerStatuses()
                .get(0)
                .getContainerID()
                .replace("process://", ""));
    assertEquals(NonRootKubelet.UID, uid(pid), "the container process is the kubelet's user");
    String ip = pod.getStatus().getPodIP();
    assertEquals(pod.getStatus().getHostIP(), ip, "every pod shares the node's address");
    InetAddress address = InetAddress.getByName(ip);
    assertFalse(address.isLoopbackAddress(), ip);
    assertTrue(NetworkInterface.getByInetAddress(address) != null, ip + " is this machine's");
    PodPorts ports = PodPorts.parse(pod.getMetadata().getAnnotations().get(PodPorts.ANNOTATION));
    assertTrue(ports.maps(8080), ports.toString());
    int hostPort = ports.hostPort(8080);
    assertNotEquals(8080, hostPort);

    // The runtime listens where the kubelet told it to, at the pod's address.
    var direct = new V2Client(URI.create("http://" + ip + ":" + hostPort));
    assertEquals(MODEL, direct.metadata(MODEL).path("name").asText());

    // Through the Service proxy: EndpointSlice (podIP, 8080) resolved to the host port.
    var proxied =
        await()
            .atMost(Duration.ofSeconds(30))
            .pollDelay(Duration.ZERO)
            .pollInterval(Duration.ofMillis(200))
            .until(
                () -> SharedCluster.cluster().proxy().address(NS, "shared-runtime", null),
                java.util.Optional::isPresent)
            .orElseThrow();
    var v2 = new V2Client(URI.create("http://127.0.0.1:" + proxied.getPort()));
    JsonNode response =
        await()
            .atMost(Duration.ofSeconds(30))
            .pollDelay(Duration.ZERO)
            .pollInterval(Duration.ofMillis(200))
            .ignoreExceptions()
            .until(() -> v2.infer(MODEL, v2.requestFor(v2.metadata(MODEL), 2)), r -> true);
    assertEquals(MODEL, response.path("model_name").asText(), response.toString());
    assertEquals(
        2, response.path("outputs").get(0).path("shape").get(0).asInt(), response.toString());

    // What the mode cannot do is said, not silently skipped.
    var warning =
        await()
            .atMost(Duration.ofSeconds(10))
            .pollDelay(Duration.ZERO)
            .pollInterval(Duration.ofMillis(200))
            .until(
                () ->
                    client.v1().events().inNamespace(NS).list().getItems().stream()
                        .filter(e -> "NotHonouredWithoutNamespaces".equals(e.getReason()))
                        .findFirst(),
                java.util.Optional::isPresent)
            .orElseThrow();
    assertEquals("Warning", warning.getType());
    assertTrue(warning.getMessage().contains("readOnlyRootFilesystem"), warning.getMessage());
    assertTrue(
        warning
            .getMessage()
            .contains(
                "runAsUser, fsGroup (the kubelet is not root: the process runs" + " as uid 65534)"),
        warning.getMessage());
  }

  private static long uid(long pid) throws java.io.IOException {
    for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("Uid:")) {
        return Long.parseLong(line.substring(4).strip().split("\\s+")[0]);
      }
    }
    throw new AssertionError("no Uid line for process " + pid);
  }
}
