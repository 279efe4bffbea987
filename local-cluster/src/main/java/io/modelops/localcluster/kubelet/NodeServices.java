package io.modelops.localcluster.kubelet;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;

/**
 * What every pod worker of one node shares.
 *
 * @param client the kubelet's API client
 * @param nodeName the node
 * @param network the node's pod addressing (per {@link NetworkMode})
 * @param catalog images to programs
 * @param prober runs probes
 * @param env resolves container environments
 * @param volumes materialises volumes
 * @param workDir where pod folders and logs go
 * @param apiServerPort the API server's port (pods reach it at their gateway)
 */
record NodeServices(
    KubernetesClient client,
    String nodeName,
    PodAddressing network,
    ImageCatalog catalog,
    Prober prober,
    EnvResolver env,
    PodVolumes volumes,
    Path workDir,
    int apiServerPort) {}
