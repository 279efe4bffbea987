package io.modelops.operator.drill;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.modelops.operator.model.Labels;
import io.modelops.operator.model.ModelDeploymentNames;
import java.util.List;
import java.util.Map;

/**
 * The NetworkPolicy of a NetworkPartition drill: it selects the pods carrying {@value #LABEL} with
 * the run's value and has policy types Ingress and Egress with no rules, which denies all traffic
 * to and from them. Only where the CNI enforces NetworkPolicies. Pure.
 */
final class NetworkPartitions {

  /** The label put on the partitioned pods; its value names the run. */
  static final String LABEL = "modelops.io/drill-partition";

  static final String PREFIX = "drill-partition-";

  private NetworkPartitions() {}

  /** The label value of run {@code run} (a label value: at most 63 characters). */
  static String value(String run) {
    return ModelDeploymentNames.labelValue(run);
  }

  /** The policy's name for the label value {@code value}. */
  static String policyName(String value) {
    return PREFIX + value;
  }

  /** The label value back from a policy name. */
  static String valueOf(String policyName) {
    return policyName.substring(PREFIX.length());
  }

  static NetworkPolicy policy(String namespace, String value) {
    return new NetworkPolicyBuilder()
        .withNewMetadata()
        .withName(policyName(value))
        .withNamespace(namespace)
        .withLabels(Map.of(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE, LABEL, value))
        .endMetadata()
        .withNewSpec()
        .withNewPodSelector()
        .withMatchLabels(Map.of(LABEL, value))
        .endPodSelector()
        .withPolicyTypes(List.of("Ingress", "Egress"))
        .endSpec()
        .build();
  }
}
