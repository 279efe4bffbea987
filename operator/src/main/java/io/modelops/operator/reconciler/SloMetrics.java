package io.modelops.operator.reconciler;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.operator.model.SloObjectives;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service-level objectives of every ModelDeployment as gauges, which the chart's burn-rate
 * alerts join on {@code namespace, modeldeployment} (docs/observability.md):
 *
 * <ul>
 *   <li>{@code modelops_modeldeployment_slo_availability_objective} — the share of requests that
 *       must not fail (0..1);
 *   <li>{@code modelops_modeldeployment_slo_latency_objective{le}} — the share of successful
 *       requests that must fall in the runtime latency bucket {@code le}.
 * </ul>
 *
 * A ModelDeployment without an objective has no series (the chart's default applies); a deleted one
 * loses its series.
 */
public final class SloMetrics {

  static final String AVAILABILITY = "modelops.modeldeployment.slo.availability.objective";
  static final String LATENCY = "modelops.modeldeployment.slo.latency.objective";

  private final MeterRegistry registry;
  private final Map<String, Registered> byModelDeployment = new ConcurrentHashMap<>();

  /** The objectives exported for one ModelDeployment and the meters that export them. */
  private record Registered(SloObjectives objectives, List<Meter> meters) {}

  public SloMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Exports the objectives of {@code md}'s current spec, replacing what it exported before. */
  public void observe(ModelDeployment md) {
    String namespace = md.getMetadata().getNamespace();
    String name = md.getMetadata().getName();
    SloObjectives objectives =
        SloObjectives.of(md.getSpec() == null ? null : md.getSpec().getSlo());
    byModelDeployment.compute(
        key(namespace, name),
        (key, previous) -> {
          if (previous != null && previous.objectives().equals(objectives)) {
            return previous;
          }
          if (previous != null) {
            previous.meters().forEach(registry::remove);
          }
          return objectives.isEmpty() ? null : register(namespace, name, objectives);
        });
  }

  /** Removes every series of a deleted ModelDeployment. */
  public void forget(String namespace, String name) {
    byModelDeployment.computeIfPresent(
        key(namespace, name),
        (key, previous) -> {
          previous.meters().forEach(registry::remove);
          return null;
        });
  }

  private Registered register(String namespace, String name, SloObjectives objectives) {
    Tags tags = Tags.of("namespace", namespace, "modeldeployment", name);
    List<Meter> meters = new ArrayList<>();
    objectives
        .availability()
        .ifPresent(
            value ->
                meters.add(
                    Gauge.builder(AVAILABILITY, () -> value)
                        .description(
                            "Availability objective of a ModelDeployment (spec.slo): share of"
                                + " requests that must not fail")
                        .tags(tags)
                        .register(registry)));
    objectives
        .latency()
        .ifPresent(
            latency ->
                meters.add(
                    Gauge.builder(LATENCY, latency::target)
                        .description(
                            "Latency objective of a ModelDeployment (spec.slo.latencyP99): share"
                                + " of successful requests that must fall in the runtime bucket le")
                        .tags(tags.and("le", latency.le()))
                        .register(registry)));
    return new Registered(objectives, List.copyOf(meters));
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
