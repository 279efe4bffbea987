package io.modelops.operator.model;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.modelops.api.v1alpha1.ModelDeployment;
import java.util.Map;

/** Owner references and object metadata shared by all builders. */
public final class Owners {

  private Owners() {}

  /** The controller owner reference to {@code md}, so deleting it garbage-collects the object. */
  public static OwnerReference ownerReference(ModelDeployment md) {
    return new OwnerReferenceBuilder()
        .withApiVersion(md.getApiVersion())
        .withKind(md.getKind())
        .withName(md.getMetadata().getName())
        .withUid(md.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }

  /** Metadata of an owned object: name, namespace, labels, owner reference. */
  public static ObjectMeta metadata(ModelDeployment md, String name, Map<String, String> labels) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(md.getMetadata().getNamespace())
        .withLabels(labels)
        .withOwnerReferences(ownerReference(md))
        .build();
  }
}
