package io.modelops.operator.drill;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;

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
    Operator operator =
        new Operator(
            o ->
                o.withKubernetesClient(client)
                    .withUseSSAToPatchPrimaryResource(false)
                    .withSSABasedCreateUpdateMatchForDependentResources(false)
                    .withCloseClientOnStop(false)
                    .withStopOnInformerErrorDuringStartup(true));
    var metrics = new DrillMetrics(registry);
    operator.register(new DrillRunReconciler(settings, metrics, clock, probers));
    operator.register(new DrillScheduleReconciler(settings, clock));
    operator.start();
    return new DrillOperator(operator, registry);
  }

  @Override
  public void close() {
    operator.stop();
  }
}
