package io.modelops.operator.reconciler;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Optional;

/**
 * The Deployments a release plan renders to.
 *
 * @param stable the stable track's Deployment
 * @param canary the canary's; empty: there must be none
 * @param autoscalerOwnsStableReplicas keep the replicas an HPA set on the stable Deployment
 * @param autoscalerSuspended no HPA while a release splits the replicas
 * @param trackServices true with GatewayAPI routing: Services {@code <name>-stable} and {@code
 *     <name>-canary} (deleted otherwise)
 * @param route the HTTPRoute to apply (GatewayAPI routing with the Gateway API installed)
 */
record DesiredObjects(
    Deployment stable,
    Optional<Deployment> canary,
    boolean autoscalerOwnsStableReplicas,
    boolean autoscalerSuspended,
    boolean trackServices,
    Optional<GenericKubernetesResource> route) {}
