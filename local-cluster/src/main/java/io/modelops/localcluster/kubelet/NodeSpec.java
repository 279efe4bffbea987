package io.modelops.localcluster.kubelet;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One node the process kubelet registers: its name, what it offers the scheduler and its labels.
 *
 * @param name the Node's name (also its {@code kubernetes.io/hostname} label)
 * @param cpu allocatable CPU (a Kubernetes quantity, e.g. {@code "8"})
 * @param memory allocatable memory (e.g. {@code "32Gi"})
 * @param maxPods allocatable pods
 * @param gpus {@code nvidia.com/gpu} capacity (0: a CPU node)
 * @param gpuProduct the {@code nvidia.com/gpu.product} label of a GPU node
 * @param labels extra labels
 *     <p>A GPU node is tainted {@code nvidia.com/gpu=present:NoSchedule}, as GPU node pools usually
 *     are, so only pods that tolerate it (the ExtendedResourceToleration admission plugin adds the
 *     toleration to pods asking for GPUs) land there.
 */
public record NodeSpec(
    String name,
    String cpu,
    String memory,
    int maxPods,
    int gpus,
    String gpuProduct,
    Map<String, String> labels) {

  /** The extended resource GPU pods ask for. */
  public static final String GPU_RESOURCE = "nvidia.com/gpu";

  /** The taint key of GPU nodes. */
  public static final String GPU_TAINT = GPU_RESOURCE;

  /** The label GPU feature discovery puts on NVIDIA nodes. */
  public static final String GPU_PRODUCT_LABEL = "nvidia.com/gpu.product";

  public NodeSpec {
    labels = Map.copyOf(labels);
  }

  /** A CPU node. */
  public static NodeSpec cpu(String name, String cpu, String memory) {
    return new NodeSpec(name, cpu, memory, 110, 0, null, Map.of());
  }

  /** A node advertising {@code gpus} GPUs of {@code product} (processes run on the CPU here). */
  public static NodeSpec gpu(String name, String cpu, String memory, int gpus, String product) {
    return new NodeSpec(name, cpu, memory, 110, gpus, product, Map.of());
  }

  /** The Node's labels: the well-known ones a kubelet sets, the GPU product, then the extras. */
  public Map<String, String> allLabels() {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("kubernetes.io/hostname", name);
    all.put("kubernetes.io/os", "linux");
    all.put("kubernetes.io/arch", "amd64");
    all.put("beta.kubernetes.io/os", "linux");
    all.put("beta.kubernetes.io/arch", "amd64");
    if (gpus > 0 && gpuProduct != null) {
      all.put(GPU_PRODUCT_LABEL, gpuProduct);
    }
    all.putAll(labels);
    return all;
  }
}
