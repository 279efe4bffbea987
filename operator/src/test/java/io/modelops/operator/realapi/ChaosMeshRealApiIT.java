package io.modelops.operator.realapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.modelops.api.v1alpha1.DrillFault;
import io.modelops.api.v1alpha1.DrillRunSpec;
import io.modelops.api.v1alpha1.FaultType;
import io.modelops.api.v1alpha1.InjectedFault;
import io.modelops.localcluster.LocalControlPlane;
import io.modelops.operator.drill.chaosmesh.ChaosObjects;
import io.modelops.operator.drill.chaosmesh.ChaosStatus;
import io.modelops.operator.drill.chaosmesh.PodChaos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ChaosMesh engine's objects against Chaos Mesh's own CRDs on the real API server: every fault
 * the engine does is accepted, and nothing of it is pruned (a misspelt field would be dropped
 * silently by the structural schema, so the object read back must equal the one sent); objects
 * Chaos Mesh's schema refuses are refused here too. No Chaos Mesh controller runs: the status a
 * controller would write is written by the test. The CRDs come from {@code
 * shared/thirdparty/chaos-mesh} beside the checkout (system property {@code chaosmesh.crds}
 * overrides the folder), never from the project's tree. Without that folder the class is skipped
 * (reported, with the path): the schemas cannot be had any other way here.
 */
class ChaosMeshRealApiIT {

  static final Path CRDS =
      Path.of(System.getProperty("chaosmesh.crds", "../../shared/thirdparty/chaos-mesh"));
  static final List<String> KINDS = List.of("podchaos", "networkchaos", "httpchaos", "stresschaos");
  private static final String NS = "chaos-mesh-objects";

  private static LocalControlPlane plane;
  private static KubernetesClient client;

  /** Why this machine cannot run the class, or null. */
  private static String missing;

  @BeforeAll
  static void installChaosMeshCrds() {
    for (String kind : KINDS) {
      Path crd = CRDS.resolve("chaos-mesh.org_" + kind + ".yaml");
      if (!Files.isRegularFile(crd)) {
        missing =
            "Chaos Mesh CRD "
                + crd.toAbsolutePath().normalize()
                + " is missing: the shared third-party folder (shared/thirdparty/chaos-mesh beside"
                + " the checkout) is needed, or -Dchaosmesh.crds=<folder>";
        return;
      }
    }
    plane = RealApi.plane();
    client = plane.client();
    KINDS.forEach(kind -> plane.installCrd(CRDS.resolve("chaos-mesh.org_" + kind + ".yaml")));
    RealApi.createNamespace(client, NS);
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(() -> client.resources(PodChaos.class).inNamespace(NS).list() != null);
  }

  /**
   * Chaos Mesh's schemas may not be copied into the project and no package registry serves them: a
   * machine without the shared folder reports every test here as skipped, with the path (.ci/run
   * prints whether the folder is there), never as passed.
   */
  @BeforeEach
  void needsTheSchemas() {
    org.junit.jupiter.api.Assumptions.assumeTrue(missing == null, () -> missing);
  }

  @AfterAll
  static void tearDown() {
    if (client != null) {
      RealApi.deleteNamespace(client, NS);
      client.close();
    }
  }

  private static DrillRunSpec spec(FaultType type) {
    DrillFault fault = new DrillFault();
    fault.setType(type);
    switch (type) {
      case RuntimeLatency -> fault.setLatency("1500ms");
      case RuntimeErrors -> fault.setErrorRatio("0.5");
      case CpuStress -> {
        fault.setWorkers(2);
        fault.setLoad(40);
      }
      case MemoryStress -> fault.setSize("256MiB");
      default -> {}
    }
    DrillRunSpec spec = new DrillRunSpec();
    spec.setFault(fault);
    spec.setDuration("1h30m");
    return spec;
  }

  private static CustomResource<?, ChaosStatus> object(FaultType type) {
    InjectedFault fault = new InjectedFault();
    fault.setType(type);
    fault.setTargets(List.of("ctr-stable-7d9f-abcde", "ctr-stable-7d9f-fghij"));
    fault.setObject(ChaosObjects.reference(type, "drill-" + type.name().toLowerCase()));
    return ChaosObjects.build(NS, spec(type), fault, 30);
  }

  /** As JSON text read back (so 30 as a long and 30 as an int compare equal). */
  private static JsonNode tree(Object o) {
    try {
      return new ObjectMapper().readTree(client.getKubernetesSerialization().asJson(o));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void everyFaultTheEngineDoesIsAcceptedAndKeptWhole() {
    int checked = 0;
    for (FaultType type : FaultType.values()) {
      if (ChaosObjects.kind(type).isEmpty()) {
        continue;
      }
      CustomResource<?, ChaosStatus> sent = object(type);
      client.resource(sent).create();
      GenericKubernetesResource stored =
          client
              .genericKubernetesResources(
                  ChaosObjects.GROUP + "/" + ChaosObjects.VERSION, sent.getKind())
              .inNamespace(NS)
              .withName(sent.getMetadata().getName())
              .get();
      assertEquals(
          List.of(),
          lost(tree(sent.getSpec()), tree(stored.getAdditionalProperties().get("spec")), "spec"),
          type
              + ": fields sent but not stored as sent (a field Chaos Mesh's schema does not know"
              + " is pruned)");
      assertEquals(sent.getMetadata().getLabels(), stored.getMetadata().getLabels());
      checked++;
    }
    assertEquals(
        7,
        checked,
        "PodKill, RuntimeUnready, NetworkPartition, RuntimeLatency,"
            + " RuntimeErrors, CpuStress, MemoryStress");
  }

  /**
   * Paths of {@code sent} that {@code stored} lacks or holds differently; fields only in {@code
   * stored} (schema defaults such as {@code oomScoreAdj: 0}) are fine.
   */
  private static List<String> lost(JsonNode sent, JsonNode stored, String path) {
    if (!sent.isObject()) {
      return sent.equals(stored)
          ? List.of()
          : List.of(path + " = " + sent + " stored as " + stored);
    }
    if (stored == null || !stored.isObject()) {
      return List.of(path + " missing");
    }
    List<String> lost = new java.util.ArrayList<>();
    sent.fieldNames()
        .forEachRemaining(
            f -> {
              JsonNode there = stored.get(f);
              lost.addAll(
                  there == null
                      ? List.of(path + "." + f + " pruned")
                      : lost(sent.get(f), there, path + "." + f));
            });
    return lost;
  }

  @Test
  void objectsChaosMeshsSchemaRefusesAreRefused() {
    var wrongAction =
        client
            .getKubernetesSerialization()
            .convertValue(object(FaultType.PodKill), GenericKubernetesResource.class);
    wrongAction.getMetadata().setName("wrong-action");
    @SuppressWarnings("unchecked")
    Map<String, Object> spec =
        (Map<String, Object>) wrongAction.getAdditionalProperties().get("spec");
    spec.put("action", "pod-explode");
    assertRefused(wrongAction, "pod-explode");

    var wrongMode =
        client
            .getKubernetesSerialization()
            .convertValue(object(FaultType.CpuStress), GenericKubernetesResource.class);
    wrongMode.getMetadata().setName("wrong-mode");
    @SuppressWarnings("unchecked")
    Map<String, Object> stress =
        (Map<String, Object>) wrongMode.getAdditionalProperties().get("spec");
    stress.put("mode", "every");
    assertRefused(wrongMode, "every");
  }

  private static void assertRefused(GenericKubernetesResource object, String offending) {
    try {
      client.resource(object).create();
      fail(object.getMetadata().getName() + " was accepted");
    } catch (KubernetesClientException e) {
      assertEquals(422, e.getCode(), e.getMessage());
      assertTrue(e.getMessage().contains(offending), e.getMessage());
    }
  }

  @Test
  void theConditionsAControllerWritesAreReadBack() {
    CustomResource<?, ChaosStatus> sent = object(FaultType.RuntimeUnready);
    sent.getMetadata().setName("conditions");
    client.resource(sent).create();
    PodChaos stored = client.resources(PodChaos.class).inNamespace(NS).withName("conditions").get();
    assertFalse(ChaosStatus.isTrue(stored.getStatus(), ChaosStatus.ALL_INJECTED));
    // As Chaos Mesh's controller writes it: its schema requires status.experiment, which the
    // engine does not model (it reads the conditions only). The CRDs have no status subresource,
    // so the controller updates the whole object.
    GenericKubernetesResource withStatus =
        client.getKubernetesSerialization().convertValue(stored, GenericKubernetesResource.class);
    withStatus.setAdditionalProperty(
        "status",
        Map.of(
            "experiment",
            Map.of(),
            "conditions",
            List.of(
                Map.of("type", ChaosStatus.ALL_INJECTED, "status", "True"),
                Map.of("type", ChaosStatus.ALL_RECOVERED, "status", "False"))));
    client.resource(withStatus).update();
    PodChaos read = client.resources(PodChaos.class).inNamespace(NS).withName("conditions").get();
    assertTrue(ChaosStatus.isTrue(read.getStatus(), ChaosStatus.ALL_INJECTED));
    assertFalse(ChaosStatus.isTrue(read.getStatus(), ChaosStatus.ALL_RECOVERED));

    client.resources(PodChaos.class).inNamespace(NS).withName("conditions").delete();
    RealApi.eventually()
        .until(
            () ->
                client.resources(PodChaos.class).inNamespace(NS).withName("conditions").get()
                    == null);
  }
}
