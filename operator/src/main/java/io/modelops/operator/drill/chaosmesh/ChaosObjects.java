package io.modelops.operator.drill.chaosmesh;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.modelops.api.v1alpha1.DrillFault;
import io.modelops.api.v1alpha1.DrillRunSpec;
import io.modelops.api.v1alpha1.FaultType;
import io.modelops.api.v1alpha1.InjectedFault;
import io.modelops.operator.model.RuntimeContainerBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The mapping of the drill catalogue onto Chaos Mesh, and the pure builder of the object that
 * carries one recorded fault. The object selects exactly the recorded pods ({@code selector.pods}
 * with {@code mode: all}), lasts the drill's {@code duration} (so it ends even when the operator is
 * down), is named after the DrillRun and labelled with it.
 */
public final class ChaosObjects {

  public static final String GROUP = "chaos-mesh.org";
  public static final String VERSION = "v1alpha1";

  /** Label on every object: who manages it. */
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";

  /** {@link #MANAGED_BY}'s value. */
  public static final String MANAGER = "modelops-operator";

  /** Label on every object: the DrillRun that made it. */
  public static final String DRILL_RUN = "modelops.io/drill-run";

  /** The runtime's V2 inference path, as an HTTPChaos path pattern. */
  public static final String INFER_PATH = "/v2/models/*/infer";

  private static final Map<FaultType, String> KINDS = new EnumMap<>(FaultType.class);
  private static final Map<FaultType, String> REFUSED = new EnumMap<>(FaultType.class);

  static {
    KINDS.put(FaultType.PodKill, "PodChaos");
    KINDS.put(FaultType.RuntimeUnready, "PodChaos");
    KINDS.put(FaultType.NetworkPartition, "NetworkChaos");
    KINDS.put(FaultType.RuntimeLatency, "HTTPChaos");
    KINDS.put(FaultType.RuntimeErrors, "HTTPChaos");
    KINDS.put(FaultType.CpuStress, "StressChaos");
    KINDS.put(FaultType.MemoryStress, "StressChaos");
    REFUSED.put(FaultType.ReplicaLoss, "Chaos Mesh has no replica-count fault; use engine Native");
    REFUSED.put(FaultType.NodeDrain, "Chaos Mesh does not drain nodes");
  }

  private ChaosObjects() {}

  /** The Chaos Mesh kind that carries {@code type}, if Chaos Mesh can do it. */
  public static Optional<String> kind(FaultType type) {
    return Optional.ofNullable(KINDS.get(type));
  }

  /**
   * What the engine does and does not do, for the Unsupported message: "PodKill (PodChaos), ...;
   * not ReplicaLoss (why), NodeDrain (why)".
   */
  public static String catalogue() {
    String does =
        KINDS.entrySet().stream()
            .map(e -> e.getKey() + " (" + e.getValue() + ")")
            .collect(Collectors.joining(", "));
    String not =
        REFUSED.entrySet().stream()
            .map(e -> e.getKey() + " (" + e.getValue() + ")")
            .collect(Collectors.joining(", "));
    return does + "; not " + not;
  }

  /** {@code <kind>/<name>}, as recorded in {@code InjectedFault.object}. */
  public static String reference(FaultType type, String runName) {
    return kind(type)
            .orElseThrow(() -> new IllegalArgumentException(type + " has no Chaos Mesh kind"))
        + "/"
        + runName;
  }

  /** A recorded {@code <kind>/<name>} read back. */
  public record Ref(String kind, String name) {

    /** Parses {@code <kind>/<name>}. */
    public static Ref parse(String object) {
      int slash = object == null ? -1 : object.indexOf('/');
      if (slash <= 0 || slash == object.length() - 1) {
        throw new IllegalArgumentException("not a <kind>/<name> reference: " + object);
      }
      return new Ref(object.substring(0, slash), object.substring(slash + 1));
    }

    /** The typed class of {@link #kind}. */
    public Class<? extends CustomResource<?, ChaosStatus>> type() {
      return switch (kind) {
        case "PodChaos" -> PodChaos.class;
        case "NetworkChaos" -> NetworkChaos.class;
        case "HTTPChaos" -> HTTPChaos.class;
        case "StressChaos" -> StressChaos.class;
        default ->
            throw new IllegalArgumentException("not a Chaos Mesh kind the engine makes: " + kind);
      };
    }
  }

  /**
   * How many of {@code selected} pods a RuntimeErrors fault takes: Chaos Mesh aborts either every
   * matching request of a pod or none, so {@code errorRatio} becomes the share of pods, rounded up,
   * at least one.
   */
  public static int errorPods(String errorRatio, int selected) {
    if (selected == 0) {
      return 0;
    }
    int count = (int) Math.ceil(Double.parseDouble(errorRatio) * selected);
    return Math.min(selected, Math.max(1, count));
  }

  /**
   * The object for {@code fault} (its {@code object} and {@code targets} recorded by the plan) in
   * {@code namespace}.
   *
   * @param gracePeriodSeconds PodKill: the grace period Chaos Mesh deletes with (Chaos Mesh's own
   *     default, 0, deletes at once)
   * @throws IllegalArgumentException when the fault has no targets (an empty {@code selector.pods}
   *     would not mean "no pods" to Chaos Mesh) or the type has no Chaos Mesh kind
   */
  public static CustomResource<? extends ChaosSpec, ChaosStatus> build(
      String namespace, DrillRunSpec spec, InjectedFault fault, long gracePeriodSeconds) {
    if (fault.getTargets() == null || fault.getTargets().isEmpty()) {
      throw new IllegalArgumentException("no pods to inject " + fault.getType() + " into");
    }
    Ref ref = Ref.parse(fault.getObject());
    String expected =
        kind(fault.getType())
            .orElseThrow(
                () -> new IllegalArgumentException("Chaos Mesh cannot do " + fault.getType()));
    if (!expected.equals(ref.kind())) {
      throw new IllegalArgumentException(
          fault.getType() + " is carried by " + expected + ", not " + ref.kind());
    }
    DrillFault drill = spec.getFault();
    return switch (fault.getType()) {
      case PodKill -> {
        PodChaosSpec s = common(new PodChaosSpec(), namespace, spec, fault);
        s.setAction(PodChaosSpec.POD_KILL);
        s.setGracePeriod(gracePeriodSeconds);
        yield withMeta(new PodChaos(), namespace, ref, s);
      }
      case RuntimeUnready -> {
        PodChaosSpec s = common(new PodChaosSpec(), namespace, spec, fault);
        s.setAction(PodChaosSpec.POD_FAILURE);
        yield withMeta(new PodChaos(), namespace, ref, s);
      }
      case NetworkPartition -> {
        NetworkChaosSpec s = common(new NetworkChaosSpec(), namespace, spec, fault);
        s.setAction(NetworkChaosSpec.PARTITION);
        // Chaos Mesh refuses direction from/both without a target or external targets; "to" with
        // neither drops every packet the pods send, their answers included.
        s.setDirection(NetworkChaosSpec.DIRECTION_TO);
        yield withMeta(new NetworkChaos(), namespace, ref, s);
      }
      case RuntimeLatency -> {
        HTTPChaosSpec s = inference(common(new HTTPChaosSpec(), namespace, spec, fault));
        s.setDelay(drill.getLatency());
        yield withMeta(new HTTPChaos(), namespace, ref, s);
      }
      case RuntimeErrors -> {
        HTTPChaosSpec s = inference(common(new HTTPChaosSpec(), namespace, spec, fault));
        s.setAbort(true);
        yield withMeta(new HTTPChaos(), namespace, ref, s);
      }
      case CpuStress -> {
        StressChaosSpec s = common(new StressChaosSpec(), namespace, spec, fault);
        StressChaosSpec.Stressor cpu = new StressChaosSpec.Stressor();
        cpu.setWorkers(drill.getWorkers() == null ? 1 : drill.getWorkers());
        cpu.setLoad(drill.getLoad() == null ? 100 : drill.getLoad());
        StressChaosSpec.Stressors stressors = new StressChaosSpec.Stressors();
        stressors.setCpu(cpu);
        s.setStressors(stressors);
        yield withMeta(new StressChaos(), namespace, ref, s);
      }
      case MemoryStress -> {
        StressChaosSpec s = common(new StressChaosSpec(), namespace, spec, fault);
        StressChaosSpec.Stressor memory = new StressChaosSpec.Stressor();
        memory.setWorkers(drill.getWorkers() == null ? 1 : drill.getWorkers());
        memory.setSize(drill.getSize());
        StressChaosSpec.Stressors stressors = new StressChaosSpec.Stressors();
        stressors.setMemory(memory);
        s.setStressors(stressors);
        yield withMeta(new StressChaos(), namespace, ref, s);
      }
      default -> throw new IllegalArgumentException("Chaos Mesh cannot do " + fault.getType());
    };
  }

  /**
   * The runtime's inference requests: POST on its port ({@link RuntimeContainerBuilder#PORT}) to
   * {@link #INFER_PATH}.
   */
  private static HTTPChaosSpec inference(HTTPChaosSpec s) {
    s.setTarget(HTTPChaosSpec.REQUEST);
    s.setPort(RuntimeContainerBuilder.PORT);
    s.setPath(INFER_PATH);
    s.setMethod("POST");
    return s;
  }

  private static <S extends ChaosSpec> S common(
      S s, String namespace, DrillRunSpec spec, InjectedFault fault) {
    ChaosSelector selector = new ChaosSelector();
    selector.setPods(Map.of(namespace, List.copyOf(fault.getTargets())));
    s.setSelector(selector);
    s.setMode(ChaosSpec.MODE_ALL);
    s.setDuration(spec.getDuration());
    return s;
  }

  private static <S extends ChaosSpec, R extends CustomResource<S, ChaosStatus>> R withMeta(
      R resource, String namespace, Ref ref, S spec) {
    ObjectMeta meta =
        new ObjectMetaBuilder()
            .withNamespace(namespace)
            .withName(ref.name())
            .withLabels(Map.of(MANAGED_BY, MANAGER, DRILL_RUN, labelValue(ref.name())))
            .build();
    resource.setMetadata(meta);
    resource.setSpec(spec);
    return resource;
  }

  /**
   * {@code name} as a label value (at most 63 characters): longer names keep their first 54
   * characters and a hash, so two long names still differ.
   */
  public static String labelValue(String name) {
    if (name.length() <= 63) {
      return name;
    }
    String head = name.substring(0, 54).replaceAll("[^A-Za-z0-9]+$", "");
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
      return head + "-" + HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
