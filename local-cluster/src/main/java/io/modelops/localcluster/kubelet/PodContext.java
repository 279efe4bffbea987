package io.modelops.localcluster.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import java.nio.file.Path;
import java.time.Duration;

/** What a {@link ContainerRunner} needs from its pod. */
interface PodContext {

  /** A started container process and the user it runs as. */
  record Launch(ContainerProcess process, long uid, long gid) {}

  ImageCatalog catalog();

  Prober prober();

  /** Starts {@code container} from {@code program}; its {@code restartCount}-th start. */
  Launch launch(Container container, ImageProgram program, int restartCount)
      throws ContainerConfigException;

  String podIp();

  /** Where the pod's container ports listen (empty: at their own numbers). */
  PodPorts ports();

  /** The pod's {@code terminationGracePeriodSeconds} (default 30 s). */
  Duration gracePeriod();

  String restartPolicy();

  /** The file behind the container's termination message path. */
  Path terminationLog(String container);

  /** {@code name_namespace(uid)}, as kubelet messages name a pod. */
  String describe();
}
