package io.modelops.operator.drill;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.modelops.api.v1alpha1.DrillEngine;
import io.modelops.api.v1alpha1.DrillRunSpec;
import io.modelops.operator.model.PodEndpoints;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * The engines a DrillRun can name in {@code spec.engine} (Native when unset), and the message a run
 * gets when its engine cannot do its fault.
 */
final class FaultEngines {

  private final Map<DrillEngine, FaultEngine> engines = new EnumMap<>(DrillEngine.class);

  FaultEngines(KubernetesClient client, RandomGenerator random) {
    this(client, random, PodEndpoints.DIRECT::url);
  }

  /**
   * @param address a pod's runtime base URL (tests point it at a local server)
   */
  FaultEngines(KubernetesClient client, RandomGenerator random, Function<Pod, String> address) {
    engines.put(DrillEngine.Native, new NativeEngine(client, random, address));
    engines.put(DrillEngine.ChaosMesh, new ChaosMeshEngine(client, random));
  }

  /** The engine {@code spec} names, if this operator has it. */
  Optional<FaultEngine> of(DrillRunSpec spec) {
    return Optional.ofNullable(engines.get(kind(spec)));
  }

  /** The engine {@code spec} names when it can inject {@code spec}'s fault. */
  Optional<FaultEngine> supporting(DrillRunSpec spec) {
    return of(spec).filter(e -> e.supports(spec));
  }

  static DrillEngine kind(DrillRunSpec spec) {
    return spec.getEngine() == null ? DrillEngine.Native : spec.getEngine();
  }

  /** Why {@code spec} cannot run: its engine is missing or does not do its fault. */
  String unsupported(DrillRunSpec spec) {
    return "engine "
        + kind(spec)
        + " cannot do "
        + spec.getFault().getType()
        + of(spec).map(e -> " (it does: " + e.catalogue() + ")").orElse(" (engine not available)");
  }
}
