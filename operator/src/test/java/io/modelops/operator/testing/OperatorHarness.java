package io.modelops.operator.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modelops.operator.config.OperatorSettings;
import io.modelops.operator.podmetrics.ServingDevices;
import io.modelops.operator.reconciler.ModelDeploymentReconciler;
import io.modelops.operator.reconciler.ReconcileMetrics;
import io.modelops.operator.release.AnalysisSource;
import io.modelops.operator.release.PendingAnalysisSource;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;

/**
 * Runs the operator's reconciler on plain java-operator-sdk (no Quarkus) against any client: the
 * fabric8 mock API server in CRUD mode, or a real API server (the real-API tier). Server-side apply
 * is off by default (the mock server lacks it); turn it on, as the Quarkus app runs, with {@link
 * Builder#serverSideApply(boolean)} against a real API server. Leader election only when asked for.
 *
 * <pre>{@code
 * try (var operator = OperatorHarness.builder(client).start()) { ... }
 * }</pre>
 */
public final class OperatorHarness implements AutoCloseable {

  private final Operator operator;
  private final MeterRegistry registry;

  private OperatorHarness(Operator operator, MeterRegistry registry) {
    this.operator = operator;
    this.registry = registry;
  }

  /** A builder for an operator talking through {@code client}. */
  public static Builder builder(KubernetesClient client) {
    return new Builder(client);
  }

  /** Starts an operator with default settings watching all namespaces. */
  public static OperatorHarness start(KubernetesClient client) {
    return builder(client).start();
  }

  /** The registry holding the reconcile metrics. */
  public MeterRegistry meterRegistry() {
    return registry;
  }

  /** Stops the operator (informers, executors); the client stays open. */
  public void stop() {
    operator.stop();
  }

  @Override
  public void close() {
    stop();
  }

  /** Options of the harness. */
  public static final class Builder {
    private final KubernetesClient client;
    private OperatorSettings settings = OperatorSettings.defaults();
    private MeterRegistry registry = new SimpleMeterRegistry();
    private Clock clock = Clock.systemUTC();
    private Set<String> namespaces = Set.of();
    private LeaderElectionConfiguration leaderElection;
    private boolean serverSideApply;
    private java.time.Duration maxReconciliationInterval;
    private AnalysisSource analysis = new PendingAnalysisSource();
    private ServingDevices devices = ServingDevices.none();

    private Builder(KubernetesClient client) {
      this.client = Objects.requireNonNull(client);
    }

    /** Operator settings (runtime image, deadlines). */
    public Builder settings(OperatorSettings settings) {
      this.settings = Objects.requireNonNull(settings);
      return this;
    }

    /** Where reconcile metrics go (default: a fresh in-memory registry). */
    public Builder meterRegistry(MeterRegistry registry) {
      this.registry = Objects.requireNonNull(registry);
      return this;
    }

    /** Clock used for condition transition times. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /** Namespaces to watch (empty: all). */
    public Builder namespaces(Set<String> namespaces) {
      this.namespaces = Set.copyOf(namespaces);
      return this;
    }

    /**
     * Lease-based leader election, as the Helm-installed operator runs it (default: none). Use
     * {@code withExitOnStopLeading(false)} and a distinct identity per harness in tests.
     */
    public Builder leaderElection(LeaderElectionConfiguration leaderElection) {
      this.leaderElection = leaderElection;
      return this;
    }

    /** Server-side apply for owned objects and status, as in production (real API server only). */
    public Builder serverSideApply(boolean serverSideApply) {
      this.serverSideApply = serverSideApply;
      return this;
    }

    /** Reconcile every ModelDeployment at least this often (a resync), even with no event. */
    public Builder maxReconciliationInterval(java.time.Duration interval) {
      this.maxReconciliationInterval = interval;
      return this;
    }

    /** Where canary analysis verdicts come from (default: the pending source, Inconclusive). */
    public Builder analysisSource(AnalysisSource analysis) {
      this.analysis = Objects.requireNonNull(analysis);
      return this;
    }

    /** Where GPU pods' serving devices are learned (default: nowhere, every device unknown). */
    public Builder servingDevices(ServingDevices devices) {
      this.devices = Objects.requireNonNull(devices);
      return this;
    }

    /** Another reconciler to run in the same operator (the drill ones, say), registered after. */
    public Builder also(io.javaoperatorsdk.operator.api.reconciler.Reconciler<?> reconciler) {
      this.extra.add(Objects.requireNonNull(reconciler));
      return this;
    }

    private final java.util.List<io.javaoperatorsdk.operator.api.reconciler.Reconciler<?>> extra =
        new java.util.ArrayList<>();

    private static <P extends io.fabric8.kubernetes.api.model.HasMetadata> void registerOne(
        Operator operator, io.javaoperatorsdk.operator.api.reconciler.Reconciler<P> reconciler) {
      operator.register(reconciler);
    }

    /** Registers the reconciler and starts the operator (returns once informers are synced). */
    public OperatorHarness start() {
      Operator operator =
          new Operator(
              o ->
                  o.withKubernetesClient(client)
                      .withUseSSAToPatchPrimaryResource(serverSideApply)
                      .withSSABasedCreateUpdateMatchForDependentResources(serverSideApply)
                      .withCloseClientOnStop(false)
                      .withStopOnInformerErrorDuringStartup(true)
                      .withLeaderElectionConfiguration(leaderElection));
      var reconciler =
          new ModelDeploymentReconciler(
              settings, new ReconcileMetrics(registry), clock, analysis, devices);
      operator.register(
          reconciler,
          o -> {
            if (!namespaces.isEmpty()) {
              o.settingNamespaces(namespaces);
            }
            if (maxReconciliationInterval != null) {
              o.withReconciliationMaxInterval(maxReconciliationInterval);
            }
          });
      extra.forEach(r -> registerOne(operator, r));
      operator.start();
      return new OperatorHarness(operator, registry);
    }
  }
}
