package io.modelops.operator.drill;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.modelops.api.v1alpha1.DrillRunSpec;
import io.modelops.api.v1alpha1.FaultType;
import io.modelops.api.v1alpha1.InjectedFault;
import io.modelops.operator.drill.chaosmesh.ChaosObjects;
import io.modelops.operator.drill.chaosmesh.ChaosStatus;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The ChaosMesh engine: each fault is one Chaos Mesh object ({@link ChaosObjects}) that selects the
 * recorded pods by name, lasts the drill's duration and is deleted when the drill removes the
 * fault. Chaos Mesh (its controller and daemons) must be installed; the engine only writes the
 * objects and reads their {@code AllInjected}/{@code AllRecovered} conditions.
 */
final class ChaosMeshEngine implements FaultEngine {

  /** A pod's grace period when its spec has none (the Kubernetes default). */
  private static final long DEFAULT_GRACE_SECONDS = 30;

  private final KubernetesClient client;
  private final RandomGenerator random;

  ChaosMeshEngine(KubernetesClient client, RandomGenerator random) {
    this.client = client;
    this.random = random;
  }

  @Override
  public String catalogue() {
    return ChaosObjects.catalogue();
  }

  @Override
  public boolean supports(DrillRunSpec spec) {
    return ChaosObjects.kind(spec.getFault().getType()).isPresent();
  }

  @Override
  public InjectedFault plan(String run, DrillRunSpec spec, Target target) {
    FaultType type = spec.getFault().getType();
    InjectedFault fault = new InjectedFault();
    fault.setType(type);
    List<String> selected = PodSelection.select(spec.getFault(), target.readyPods(), random);
    if (type == FaultType.RuntimeErrors) {
      List<String> shuffled = new ArrayList<>(selected);
      List<String> chosen = new ArrayList<>();
      int count = ChaosObjects.errorPods(spec.getFault().getErrorRatio(), selected.size());
      while (chosen.size() < count) {
        chosen.add(shuffled.remove(random.nextInt(shuffled.size())));
      }
      chosen.sort(Comparator.naturalOrder());
      selected = chosen;
    }
    fault.setTargets(selected);
    fault.setObject(ChaosObjects.reference(type, run));
    return fault;
  }

  /** Creates the object; one already there (a re-injection after a restart) is fine. */
  @Override
  public void inject(String namespace, DrillRunSpec spec, InjectedFault fault, Target target) {
    var object = ChaosObjects.build(namespace, spec, fault, gracePeriod(fault, target));
    try {
      client.resource(object).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
    }
  }

  /** The longest own grace period of the targeted pods, as Native's PodKill honours each. */
  private static long gracePeriod(InjectedFault fault, Target target) {
    return target.pods().stream()
        .filter(p -> fault.getTargets().contains(p.getMetadata().getName()))
        .map(Pod::getSpec)
        .filter(Objects::nonNull)
        .map(s -> s.getTerminationGracePeriodSeconds())
        .filter(Objects::nonNull)
        .max(Long::compare)
        .orElse(DEFAULT_GRACE_SECONDS);
  }

  /**
   * In place: the object exists, Chaos Mesh reports {@code AllInjected=True} and not {@code
   * AllRecovered=True}. For PodKill (one shot) that means "the pods were killed".
   */
  @Override
  public boolean active(String namespace, InjectedFault fault) {
    CustomResource<?, ChaosStatus> found = find(namespace, fault);
    if (found == null) {
      return false;
    }
    ChaosStatus status = found.getStatus();
    return ChaosStatus.isTrue(status, ChaosStatus.ALL_INJECTED)
        && !ChaosStatus.isTrue(status, ChaosStatus.ALL_RECOVERED);
  }

  @Override
  public boolean reportsInjection() {
    return true;
  }

  /** Deletes the object (Chaos Mesh then recovers the pods); one already gone is fine. */
  @Override
  public void remove(String namespace, InjectedFault fault) {
    var ref = ChaosObjects.Ref.parse(fault.getObject());
    client.resources(ref.type()).inNamespace(namespace).withName(ref.name()).delete();
  }

  private CustomResource<?, ChaosStatus> find(String namespace, InjectedFault fault) {
    var ref = ChaosObjects.Ref.parse(fault.getObject());
    return client.resources(ref.type()).inNamespace(namespace).withName(ref.name()).get();
  }
}
