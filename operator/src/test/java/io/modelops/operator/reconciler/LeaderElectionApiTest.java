package io.modelops.operator.reconciler;

import static io.modelops.operator.reconciler.ApiTestSupport.NS;
import static io.modelops.operator.reconciler.ApiTestSupport.awaitMd;
import static io.modelops.operator.reconciler.ApiTestSupport.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.api.v1alpha1.Phase;
import io.modelops.operator.testing.Conflicts;
import io.modelops.operator.testing.FakeKubeController;
import io.modelops.operator.testing.ModelDeployments;
import io.modelops.operator.testing.OperatorHarness;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two operator replicas: only the Lease holder reconciles; the other takes over when it stops. */
class LeaderElectionApiTest {

  static final String LEASE = "modelops-operator-leader";

  KubernetesMockServer server;
  KubernetesClient client;

  /**
   * CRUD plus one expectation: java-operator-sdk checks its Lease permissions with a
   * SelfSubjectRulesReview before electing, which the plain CRUD mock cannot answer.
   */
  @BeforeEach
  void startServer() {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            responses,
            new KubernetesMixedDispatcher(responses),
            false);
    server.init();
    client = server.createClient();
    server
        .expect()
        .post()
        .withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
        .andReturn(
            201,
            new SelfSubjectRulesReviewBuilder()
                .withNewStatus()
                .withIncomplete(false)
                .addNewResourceRule()
                .withApiGroups("coordination.k8s.io")
                .withResources("leases")
                .withVerbs("get", "create", "update")
                .endResourceRule()
                .endStatus()
                .build())
        .always();
  }

  @AfterEach
  void stopServer() {
    client.close();
    server.destroy();
  }

  private OperatorHarness replica(String identity) {
    return OperatorHarness.builder(client)
        .leaderElection(
            LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(LEASE)
                .withLeaseNamespace(NS)
                .withIdentity(identity)
                // Short enough for a quick takeover, long enough not to flap on a busy CI machine
                // (a replica that loses the lease stops reconciling until it is restarted).
                .withLeaseDuration(Duration.ofSeconds(5))
                .withRenewDeadline(Duration.ofSeconds(4))
                .withRetryPeriod(Duration.ofMillis(500))
                .withExitOnStopLeading(false)
                .build())
        .start();
  }

  private static double reconciles(OperatorHarness replica) {
    var counter = replica.meterRegistry().find("modelops.reconcile").counter();
    return counter == null ? 0 : counter.count();
  }

  private String holder() {
    Lease lease = client.leases().inNamespace(NS).withName(LEASE).get();
    return lease == null ? null : lease.getSpec().getHolderIdentity();
  }

  @Test
  void onlyTheLeaderReconcilesAndTheOtherTakesOver() {
    Map<String, OperatorHarness> replicas = new HashMap<>();
    try (var fake = new FakeKubeController(client).start()) {
      replicas.put("a", replica("a"));
      replicas.put("b", replica("b"));
      eventually().until(() -> holder() != null);
      String leader = holder();
      String follower = leader.equals("a") ? "b" : "a";

      client.resource(ModelDeployments.sample(NS, "ctr", 1)).create();
      awaitMd(
          client, "ctr", m -> m.getStatus() != null && m.getStatus().getPhase() == Phase.Healthy);
      assertEquals(0, reconciles(replicas.get(follower)));

      replicas.remove(leader).close();
      eventually().until(() -> follower.equals(holder()));
      Conflicts.retry(
          () ->
              client
                  .resources(ModelDeployment.class)
                  .inNamespace(NS)
                  .withName("ctr")
                  .edit(
                      m -> {
                        m.getSpec().getModel().setVersion("2026-11-20");
                        return m;
                      }));
      awaitMd(
          client,
          "ctr",
          m ->
              m.getStatus().getPhase() == Phase.Healthy
                  && "2026-11-20".equals(m.getStatus().getStable().getVersion()));
      eventually().until(() -> reconciles(replicas.get(follower)) > 0);
    } finally {
      replicas.values().forEach(OperatorHarness::close);
    }
  }
}
