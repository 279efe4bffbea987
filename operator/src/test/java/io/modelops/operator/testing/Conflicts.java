package io.modelops.operator.testing;

import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * A test's edit of an object that a controller also writes (the operator's status, the fake
 * kubelet's pod status): {@code edit} reads, changes and writes with the read resourceVersion, so a
 * write in between is a 409 Conflict, which a user's tool would answer by reading again.
 */
public final class Conflicts {
  private Conflicts() {}

  /** Runs {@code edit}, again (up to 10 times) while it ends in 409 Conflict. */
  public static void retry(Runnable edit) {
    for (int attempt = 1; ; attempt++) {
      try {
        edit.run();
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 10) {
          throw e;
        }
      }
    }
  }
}
