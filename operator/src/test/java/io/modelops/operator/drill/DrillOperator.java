package io.modelops.operator.drill;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.function.Function;

/**
 * The drill reconcilers on plain java-operator-sdk, beside the ModelDeployment one of {@code
 * OperatorHarness} (a second Operator on the same client), so a test can restart them alone.
 */
final class DrillOperator implements AutoCloseable {

  final Operator operator;
  final MeterRegistry registry;

  private DrillOperator(Operator operator, MeterRegistry registry) {
    this.operator = operator;
    this.registry = registry;
  }

  static DrillOperator start(
      KubernetesClient client, Clock clock, DrillSettings settings, ProberFactory probers) {
    return start(client, clock, settings, probers, new SimpleMeterRegistry());
  }

  static DrillOperator start(
      KubernetesClient client,
      Clock clock,
      DrillSettings settings,
      ProberFactory probers,
      MeterRegistry registry) {
    return start(client, clock, settings, probers, registry, settings.endpoints()::url);
  }

  /** With {@code address} resolving a pod to its runtime's base URL (a local stand-in server). */
  static DrillOperator start(
      KubernetesClient client,
      Clock clock,
      DrillSettings settings,
      ProberFactory probers,
      MeterRegistry registry,
      Function<Pod, String> address) {
    Operator operator =
        new Operator(
            o ->
                o.withKubernetesClient(client)
                    .withUseSSAToPatchPrimaryResource(false)
                    .withSSABasedCreateUpdateMatchForDependentResources(false)
                    .withCloseClientOnStop(false)
                    .withStopOnInformerErrorDuringStartup(true));
    var metrics = new DrillMetrics(registry);
    operator.register(new DrillRunReconciler(settings, metrics, clock, probers, address));
    operator.register(new DrillScheduleReconciler(settings, clock));
    operator.start();
    return new DrillOperator(operator, registry);
  }

  @Override
  public void close() {
    operator.stop();
  }
}
