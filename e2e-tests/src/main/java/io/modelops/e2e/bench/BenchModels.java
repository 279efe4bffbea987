package io.modelops.e2e.bench;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.api.v1alpha1.ModelDeploymentSpec;
import io.modelops.api.v1alpha1.ModelSpec;
import io.modelops.api.v1alpha1.RuntimeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** The ModelDeployment the benchmark creates N times, and its readiness test. */
final class BenchModels {

  private BenchModels() {}

  /** Two replicas (so a PodDisruptionBudget too), the example CTR model. */
  static ModelDeployment modelDeployment(String namespace, String name) {
    ModelDeployment md = new ModelDeployment();
    md.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    ModelSpec model = new ModelSpec();
    model.setName("ctr-ranker");
    model.setVersion("2026-11-13");
    model.setUri("file:///models/ctr-ranker-2026-11-13.onnx");
    RuntimeSpec runtime = new RuntimeSpec();
    runtime.setReplicas(2);
    ModelDeploymentSpec spec = new ModelDeploymentSpec();
    spec.setModel(model);
    spec.setRuntime(runtime);
    md.setSpec(spec);
    return md;
  }

  /** Creates N of them ({@code ranker-<i>} in {@code namespace(i)}) from 4 threads. */
  static void createAll(KubernetesClient user, int n, IntFunction<String> namespace)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int idx = i;
        futures.add(
            pool.submit(
                () ->
                    user.resource(modelDeployment(namespace.apply(idx), "ranker-" + idx))
                        .create()));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Ready=True for the current generation. */
  static boolean isReady(ModelDeployment md) {
    if (md.getStatus() == null || md.getStatus().getConditions() == null) {
      return false;
    }
    return md.getMetadata().getGeneration() != null
        && md.getMetadata().getGeneration().equals(md.getStatus().getObservedGeneration())
        && md.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
