package io.modelops.localcluster.kubelet;

/**
 * A container cannot be configured yet (a missing Secret, ConfigMap or key): the kubelet reports
 * {@code CreateContainerConfigError} with this message and tries again later.
 */
final class ContainerConfigException extends Exception {

  private static final long serialVersionUID = 1L;

  ContainerConfigException(String message) {
    super(message);
  }
}
