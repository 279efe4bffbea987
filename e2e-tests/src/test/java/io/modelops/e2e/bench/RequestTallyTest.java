package io.modelops.e2e.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RequestTallyTest {

  @Test
  void namespacedSubresource() {
    assertEquals(
        "deployments/status",
        RequestTally.resource("/apis/apps/v1/namespaces/bench/deployments/ranker-1/status"));
  }

  @Test
  void namespacedObjectAndCollection() {
    assertEquals(
        "modeldeployments",
        RequestTally.resource("/apis/modelops.io/v1alpha1/namespaces/bench/modeldeployments/x"));
    assertEquals("pods", RequestTally.resource("/api/v1/namespaces/bench/pods"));
  }

  @Test
  void clusterWide() {
    assertEquals("pods", RequestTally.resource("/api/v1/pods"));
    assertEquals("namespaces", RequestTally.resource("/api/v1/namespaces"));
    assertEquals("namespaces", RequestTally.resource("/api/v1/namespaces/bench"));
  }

  @Test
  void discoveryPathsStayAsTheyAre() {
    assertEquals("/api/v1", RequestTally.resource("/api/v1"));
  }
}
