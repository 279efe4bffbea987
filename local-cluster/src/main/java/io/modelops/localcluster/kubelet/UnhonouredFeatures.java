package io.modelops.localcluster.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;

/**
 * What of a container's spec the kubelet cannot honour in {@link NetworkMode#SHARED_ADDRESS} mode,
 * so it can say so (a Warning Event on the pod and the kubelet log) instead of running it silently
 * differently. Without a private root there is no read-only root file system; without root the
 * process runs as the kubelet's own user, whatever the security context asks. Pure.
 */
final class UnhonouredFeatures {

  private UnhonouredFeatures() {}

  /**
   * The features of {@code container} in {@code pod} that are not honoured.
   *
   * @param root whether the kubelet runs as root (then it can still switch users)
   * @param kubeletUid the kubelet's uid (the process's, without root)
   * @param portVariable the image's port setting, null when the program cannot be told its port
   */
  static List<String> of(
      Pod pod, Container container, boolean root, long kubeletUid, String portVariable) {
    List<String> missing = new ArrayList<>();
    var security = container.getSecurityContext();
    var podSecurity = pod.getSpec().getSecurityContext();
    if (security != null && Boolean.TRUE.equals(security.getReadOnlyRootFilesystem())) {
      missing.add("readOnlyRootFilesystem (no private root file system in shared-address mode)");
    }
    if (!root) {
      List<String> asked = new ArrayList<>();
      if (security != null && security.getRunAsUser() != null
          || podSecurity != null && podSecurity.getRunAsUser() != null) {
        asked.add("runAsUser");
      }
      if (security != null && security.getRunAsGroup() != null
          || podSecurity != null && podSecurity.getRunAsGroup() != null) {
        asked.add("runAsGroup");
      }
      if (podSecurity != null && podSecurity.getFsGroup() != null) {
        asked.add("fsGroup");
      }
      if (podSecurity != null
          && podSecurity.getSupplementalGroups() != null
          && !podSecurity.getSupplementalGroups().isEmpty()) {
        asked.add("supplementalGroups");
      }
      if (!asked.isEmpty()) {
        missing.add(
            String.join(", ", asked)
                + " (the kubelet is not root: the process runs as uid "
                + kubeletUid
                + ")");
      }
    }
    if (portVariable == null && container.getPorts() != null && !container.getPorts().isEmpty()) {
      missing.add(
          "containerPort (the image has no port setting, so the program cannot be moved to its"
              + " host port and listens on the shared address's own port)");
    }
    return missing;
  }
}
