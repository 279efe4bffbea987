package io.modelops.operator.reconciler;

import static io.modelops.operator.reconciler.ApiTestSupport.NS;
import static io.modelops.operator.reconciler.ApiTestSupport.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.modelops.api.v1alpha1.FaultInjectionSpec;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.operator.condition.Reasons;
import io.modelops.operator.model.FaultInjection;
import io.modelops.operator.testing.Conflicts;
import io.modelops.operator.testing.FakeKubeController;
import io.modelops.operator.testing.ModelDeployments;
import io.modelops.operator.testing.OperatorHarness;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fault token Secret of spec.runtime.faultInjection on the mock API server. */
@EnableKubernetesMockClient(crud = true)
class FaultTokenSecretApiTest {

  KubernetesClient client;
  FakeKubeController fake;
  OperatorHarness operator;

  @BeforeEach
  void start() {
    fake = new FakeKubeController(client).start();
    operator = OperatorHarness.start(client);
  }

  @AfterEach
  void stop() {
    operator.close();
    fake.close();
  }

  private Secret secret(String name) {
    return client.secrets().inNamespace(NS).withName(name).get();
  }

  private void setEnabled(String name, boolean enabled) {
    Conflicts.retry(
        () ->
            client
                .resources(ModelDeployment.class)
                .inNamespace(NS)
                .withName(name)
                .edit(
                    md -> {
                      FaultInjectionSpec spec = new FaultInjectionSpec();
                      spec.setEnabled(enabled);
                      md.getSpec().getRuntime().setFaultInjection(spec);
                      return md;
                    }));
  }

  @Test
  void createdOnceWithARandomTokenKeptAcrossChangesAndDeletedWhenOff() {
    ModelDeployment md = ModelDeployments.sample(NS, "ctr", 1);
    client.resource(md).create();
    ApiTestSupport.awaitMd(client, "ctr", m -> m.getStatus() != null);
    assertNull(secret("ctr-fault-token"), "no Secret without the opt-in");

    setEnabled("ctr", true);
    eventually().until(() -> secret("ctr-fault-token") != null);
    Secret first = secret("ctr-fault-token");
    String token = FaultInjection.token(first);
    assertTrue(token.matches("[0-9a-f]{64}"));
    assertEquals("ctr", first.getMetadata().getOwnerReferences().get(0).getName());
    eventually()
        .until(
            () ->
                ApiTestSupport.deployment(client, "ctr-stable")
                    .getSpec()
                    .getTemplate()
                    .getSpec()
                    .getContainers()
                    .get(0)
                    .getEnv()
                    .stream()
                    .anyMatch(
                        e ->
                            e.getName().equals("RUNTIME_ADMIN_ENABLED")
                                && "true".equals(e.getValue())));

    // A spec change reconciles again: the token stays.
    Conflicts.retry(
        () ->
            client
                .resources(ModelDeployment.class)
                .inNamespace(NS)
                .withName("ctr")
                .edit(
                    m -> {
                      m.getSpec().getRuntime().setReplicas(2);
                      return m;
                    }));
    eventually()
        .until(() -> ApiTestSupport.deployment(client, "ctr-stable").getSpec().getReplicas() == 2);
    assertEquals(token, FaultInjection.token(secret("ctr-fault-token")));

    setEnabled("ctr", false);
    eventually().until(() -> secret("ctr-fault-token") == null);
    eventually()
        .until(
            () ->
                ApiTestSupport.deployment(client, "ctr-stable")
                    .getSpec()
                    .getTemplate()
                    .getSpec()
                    .getContainers()
                    .get(0)
                    .getEnv()
                    .stream()
                    .noneMatch(e -> e.getName().startsWith("RUNTIME_ADMIN_")));
  }

  @Test
  void aSecretOfSomeoneElseIsNeitherTakenOverNorDeleted() {
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("own-fault-token")
                .withNamespace(NS)
                .endMetadata()
                .withStringData(Map.of("token", "theirs"))
                .build())
        .create();
    ModelDeployment md = ModelDeployments.sample(NS, "own", 1);
    FaultInjectionSpec spec = new FaultInjectionSpec();
    spec.setEnabled(true);
    md.getSpec().getRuntime().setFaultInjection(spec);
    client.resource(md).create();

    ApiTestSupport.awaitMd(
        client,
        "own",
        m ->
            m.getStatus() != null
                && m.getStatus().getConditions() != null
                && m.getStatus().getConditions().stream()
                    .anyMatch(c -> Reasons.NAME_CONFLICT.equals(c.getReason())));
    Secret theirs = secret("own-fault-token");
    var owners = theirs.getMetadata().getOwnerReferences();
    assertTrue(owners == null || owners.isEmpty(), "not adopted: " + owners);
    assertEquals("theirs", FaultInjection.token(theirs));
  }
}
