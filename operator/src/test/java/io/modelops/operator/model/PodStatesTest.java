package io.modelops.operator.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

class PodStatesTest {

  private static Pod pod(String ready, String deletedAt) {
    var builder =
        new PodBuilder()
            .withNewMetadata()
            .withName("p")
            .withDeletionTimestamp(deletedAt)
            .endMetadata();
    if (ready != null) {
      builder
          .withNewStatus()
          .addNewCondition()
          .withType("PodScheduled")
          .withStatus("True")
          .endCondition()
          .addNewCondition()
          .withType("Ready")
          .withStatus(ready)
          .endCondition()
          .endStatus();
    }
    return builder.build();
  }

  @Test
  void servingIsReadyAndNotBeingDeleted() {
    assertTrue(PodStates.serving(pod("True", null)));
    assertFalse(PodStates.serving(pod("False", null)));
    assertFalse(PodStates.serving(pod(null, null)), "no status yet");
    assertFalse(PodStates.serving(pod("True", "2026-12-02T12:00:00Z")), "terminating");
  }
}
