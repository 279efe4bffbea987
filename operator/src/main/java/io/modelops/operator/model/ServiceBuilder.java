package io.modelops.operator.model;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.modelops.api.v1alpha1.ModelDeployment;

/**
 * Desired state of the ClusterIP Service clients call ({@code <name>}); it selects the runtime pods
 * of every track, so with replica-ratio traffic routing the canary gets its share by pod count.
 */
public final class ServiceBuilder {

  private ServiceBuilder() {}

  /** Builds the Service. */
  public static Service build(ModelDeployment md) {
    return build(
        md, ModelDeploymentNames.service(md), Labels.standard(md), Labels.allTracksSelector(md));
  }

  /**
   * The Service over one track's pods ({@code <name>-stable} or {@code <name>-canary}): the
   * HTTPRoute's backends with GatewayAPI routing.
   */
  public static Service buildTrack(ModelDeployment md, String track) {
    return build(
        md,
        ModelDeploymentNames.trackService(md, track),
        Labels.track(md, track),
        Labels.trackSelector(md, track));
  }

  private static Service build(
      ModelDeployment md,
      String name,
      java.util.Map<String, String> labels,
      java.util.Map<String, String> selector) {
    Service service =
        new io.fabric8.kubernetes.api.model.ServiceBuilder()
            .withMetadata(Owners.metadata(md, name, labels))
            .withNewSpec()
            .withType("ClusterIP")
            .withSelector(selector)
            .addNewPort()
            .withName(RuntimeContainerBuilder.PORT_NAME)
            .withPort(RuntimeContainerBuilder.PORT)
            .withTargetPort(new IntOrString(RuntimeContainerBuilder.PORT_NAME))
            .withProtocol("TCP")
            .endPort()
            .endSpec()
            .build();
    return Hashes.withSpecHash(service, service.getSpec());
  }

  /** Cluster DNS name of the Service: {@code <service>.<namespace>.svc}. */
  public static String dnsName(ModelDeployment md) {
    return ModelDeploymentNames.service(md) + "." + md.getMetadata().getNamespace() + ".svc";
  }
}
