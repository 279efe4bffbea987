package io.modelops.operator.drill;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.modelops.api.v1alpha1.DrillFault;
import io.modelops.api.v1alpha1.DrillGuards;
import io.modelops.api.v1alpha1.DrillRun;
import io.modelops.api.v1alpha1.DrillRunSpec;
import io.modelops.api.v1alpha1.DrillTarget;
import io.modelops.api.v1alpha1.FaultType;
import io.modelops.api.v1alpha1.RecoverySpec;
import java.time.Duration;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;

/** DrillRun fixtures and waits. */
final class Drills {

  static final String NS = "search";

  private Drills() {}

  static ConditionFactory eventually() {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(40))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(100));
  }

  /** A run of {@code type} against {@code md}, held {@code duration}, RTO 30 s, timeout 1 m. */
  static DrillRun run(String name, String md, FaultType type, String duration) {
    DrillFault fault = new DrillFault();
    fault.setType(type);
    DrillTarget target = new DrillTarget();
    target.setModelDeployment(md);
    RecoverySpec recovery = new RecoverySpec();
    recovery.setRto("30s");
    recovery.setTimeout("1m");
    DrillRunSpec spec = new DrillRunSpec();
    spec.setTarget(target);
    spec.setFault(fault);
    spec.setDuration(duration);
    spec.setRecovery(recovery);
    DrillRun run = new DrillRun();
    run.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName(name).build());
    run.setSpec(spec);
    return run;
  }

  static DrillRun minReady(DrillRun run, int replicas) {
    DrillGuards guards = new DrillGuards();
    guards.setMinReadyReplicas(replicas);
    run.getSpec().setGuards(guards);
    return run;
  }

  static DrillRun get(KubernetesClient client, String name) {
    return client.resources(DrillRun.class).inNamespace(NS).withName(name).get();
  }

  static DrillRun await(KubernetesClient client, String name, Predicate<DrillRun> p) {
    DrillRun[] last = new DrillRun[1];
    try {
      eventually()
          .until(
              () -> {
                last[0] = get(client, name);
                return last[0] != null && last[0].getStatus() != null && p.test(last[0]);
              });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "DrillRun "
              + name
              + " last seen:\n"
              + client.getKubernetesSerialization().asYaml(last[0]),
          e);
    }
    return last[0];
  }
}
