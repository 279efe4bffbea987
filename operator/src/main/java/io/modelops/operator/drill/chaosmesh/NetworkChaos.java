package io.modelops.operator.drill.chaosmesh;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Chaos Mesh's {@code NetworkChaos} ({@code chaos-mesh.org/v1alpha1}, namespaced), the fields the
 * engine uses.
 */
@Group(ChaosObjects.GROUP)
@Version(ChaosObjects.VERSION)
@Kind("NetworkChaos")
@Plural("networkchaos")
@Singular("networkchaos")
public class NetworkChaos extends CustomResource<NetworkChaosSpec, ChaosStatus>
    implements Namespaced {}
