package io.modelops.operator.app;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Operator configuration ({@code modelops.*} properties, or {@code MODELOPS_*} env vars). */
@ConfigMapping(prefix = "modelops")
public interface ModelOpsConfig {

  /** Runtime image used when a ModelDeployment does not name one. */
  @WithDefault("modelops/inference-runtime:0.1.0")
  String runtimeImage();

  /** Runtime image (CUDA build) used when a GPU ModelDeployment does not name one. */
  @WithDefault("modelops/inference-runtime:0.1.0-gpu")
  String runtimeGpuImage();

  /** Progress deadline when spec.release.progressDeadline is not set. */
  @WithDefault("15m")
  Duration defaultProgressDeadline();

  /** How often a ModelDeployment waiting for a missing PersistentVolumeClaim is rechecked. */
  @WithDefault("30s")
  Duration pvcRecheckInterval();

  /** How often a ModelDeployment with a canary release under way is reconciled without an event. */
  @WithDefault("5s")
  Duration releaseTick();

  /**
   * The pod annotation that says where a container port really listens ({@code
   * containerPort=port[,...]}), for clusters whose pods share one address (the project's local
   * cluster without root writes {@code localcluster.modelops.io/ports}). Unset, as in every real
   * cluster: the operator reaches a runtime pod at its IP and container port.
   */
  Optional<String> podPortAnnotation();

  /** Leader election. */
  LeaderElection leaderElection();

  /** Leader election settings. */
  interface LeaderElection {

    /** Whether replicas elect a leader through a Lease (only the leader reconciles). */
    @WithDefault("true")
    boolean enabled();

    /** Name of the Lease. */
    @WithDefault("modelops-operator-leader")
    String leaseName();

    /** Namespace of the Lease; defaults to the namespace the operator runs in. */
    Optional<String> leaseNamespace();
  }
}
