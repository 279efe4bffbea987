package io.modelops.e2e.cluster;

import io.modelops.localcluster.PrometheusProcess;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The real Prometheus server ({@link PrometheusProcess}) finding the runtime pods of the local
 * cluster as a user's Prometheus does: Kubernetes service discovery ({@code role: pod}) against the
 * local API server with the admin kubeconfig, the relabelling of the chart's runtime PodMonitor
 * (keep the operator's runtime pods and their port {@code http}; {@code namespace}, {@code
 * modeldeployment}, {@code track} from the pod), scraping every second.
 */
final class LocalPrometheus {

  private LocalPrometheus() {}

  /**
   * Starts it scraping the runtime pods of {@code namespace}; returns once it is ready. It listens
   * on {@code host}: pass an address the pods reach the host at (a node's address, the operator
   * pod's {@code status.hostIP}), so the operator pod can query it.
   */
  static PrometheusProcess start(Path kubeconfig, String namespace, String host)
      throws IOException, InterruptedException {
    return PrometheusProcess.start(config(kubeconfig, namespace), host);
  }

  /**
   * The scrape configuration: what docs/releases.md tells users to write when they do not run the
   * Prometheus Operator, the chart's runtime PodMonitor in plain Prometheus terms.
   */
  private static String config(Path kubeconfig, String namespace) {
    return """
        global: {scrape_interval: 1s, scrape_timeout: 900ms}
        scrape_configs:
          - job_name: modelops-runtime
            honor_labels: true
            kubernetes_sd_configs:
              - role: pod
                kubeconfig_file: %s
                namespaces: {names: [%s]}
            relabel_configs:
              - source_labels: [__meta_kubernetes_pod_label_app_kubernetes_io_name, __meta_kubernetes_pod_label_app_kubernetes_io_managed_by]
                regex: inference-runtime;modelops-operator
                action: keep
              - source_labels: [__meta_kubernetes_pod_container_port_name]
                regex: http
                action: keep
              - source_labels: [__meta_kubernetes_namespace]
                target_label: namespace
              - source_labels: [__meta_kubernetes_pod_name]
                target_label: pod
              - source_labels: [__meta_kubernetes_pod_label_app_kubernetes_io_instance]
                target_label: modeldeployment
              - source_labels: [__meta_kubernetes_pod_label_modelops_io_track]
                target_label: track
        """
        .formatted(kubeconfig, namespace);
  }
}
