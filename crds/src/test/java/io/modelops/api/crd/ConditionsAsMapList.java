package io.modelops.api.crd;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.util.List;

/**
 * Marks {@code status.conditions} as a map-list keyed by {@code type}, as the Kubernetes API
 * conventions ask ({@code x-kubernetes-list-type: map}, {@code x-kubernetes-list-map-keys: [type]},
 * {@code type} and {@code status} required), so server-side apply merges conditions per type
 * instead of replacing the list. The fabric8 generator has no annotation for list types.
 */
final class ConditionsAsMapList {

  /** Conditions a status can hold at most (CEL cost estimation needs a bound). */
  static final long MAX_CONDITIONS = 16;

  private ConditionsAsMapList() {}

  static HasMetadata process(HasMetadata crd) {
    for (var version : ((CustomResourceDefinition) crd).getSpec().getVersions()) {
      JSONSchemaProps root = version.getSchema().getOpenAPIV3Schema();
      JSONSchemaProps status = root.getProperties().get("status");
      if (status == null || status.getProperties() == null) {
        continue;
      }
      JSONSchemaProps conditions = status.getProperties().get("conditions");
      if (conditions == null) {
        continue;
      }
      conditions.setXKubernetesListType("map");
      conditions.setXKubernetesListMapKeys(List.of("type"));
      conditions.setMaxItems(MAX_CONDITIONS);
      conditions.getItems().getSchema().setRequired(List.of("status", "type"));
    }
    return crd;
  }
}
