package io.modelops.operator.drill.chaosmesh;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Chaos Mesh's {@code HTTPChaos} ({@code chaos-mesh.org/v1alpha1}, namespaced), the fields the
 * engine uses.
 */
@Group(ChaosObjects.GROUP)
@Version(ChaosObjects.VERSION)
@Kind("HTTPChaos")
@Plural("httpchaos")
@Singular("httpchaos")
public class HTTPChaos extends CustomResource<HTTPChaosSpec, ChaosStatus> implements Namespaced {}
