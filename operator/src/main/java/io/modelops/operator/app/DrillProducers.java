package io.modelops.operator.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.modelops.operator.drill.DrillMetrics;
import io.modelops.operator.drill.DrillSettings;
import io.modelops.operator.drill.HttpTrafficProber;
import io.modelops.operator.drill.ProberFactory;
import io.modelops.operator.model.PodEndpoints;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Wires the drill reconcilers' collaborators into the Quarkus app. */
@Singleton
public class DrillProducers {

  @Produces
  @Singleton
  DrillSettings drillSettings(DrillsConfig config, PodEndpoints endpoints) {
    return new DrillSettings(config.enabled(), endpoints);
  }

  @Produces
  @Singleton
  DrillMetrics drillMetrics(MeterRegistry registry) {
    return new DrillMetrics(registry);
  }

  @Produces
  @Singleton
  ProberFactory probers(Clock clock) {
    return HttpTrafficProber.factory(clock);
  }
}
