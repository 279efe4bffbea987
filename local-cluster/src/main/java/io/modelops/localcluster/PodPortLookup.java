package io.modelops.localcluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.modelops.localcluster.kubelet.PodPorts;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The port to connect to for an endpoint's container port: where the process kubelet runs pods on
 * one shared address (shared-address mode), each container port listens on a host port the kubelet
 * wrote to the pod ({@link PodPorts#ANNOTATION}); the endpoint's {@code targetRef} names the pod. A
 * pod's map never changes, so it is read once per pod uid.
 */
final class PodPortLookup {

  private static final Logger LOG = LoggerFactory.getLogger(PodPortLookup.class);

  private final KubernetesClient client;
  private final Map<String, PodPorts> byUid = new ConcurrentHashMap<>();

  PodPortLookup(KubernetesClient client) {
    this.client = client;
  }

  /** The port for {@code containerPort} of {@code endpoint}'s pod. */
  int port(Endpoint endpoint, int containerPort) {
    var ref = endpoint.getTargetRef();
    if (ref == null || !"Pod".equals(ref.getKind()) || ref.getUid() == null) {
      return containerPort;
    }
    PodPorts ports = byUid.get(ref.getUid());
    if (ports == null) {
      ports = read(ref.getNamespace(), ref.getName(), ref.getUid());
    }
    return ports.hostPort(containerPort);
  }

  private PodPorts read(String namespace, String name, String uid) {
    try {
      Pod pod = client.pods().inNamespace(namespace).withName(name).get();
      if (pod == null || !uid.equals(pod.getMetadata().getUid())) {
        return PodPorts.NONE;
      }
      String value =
          pod.getMetadata().getAnnotations() == null
              ? null
              : pod.getMetadata().getAnnotations().get(PodPorts.ANNOTATION);
      PodPorts ports = PodPorts.parse(value);
      byUid.put(uid, ports);
      return ports;
    } catch (KubernetesClientException | IllegalArgumentException e) {
      LOG.warn("pod {}/{}: its port map is unreadable: {}", namespace, name, e.getMessage());
      return PodPorts.NONE;
    }
  }
}
