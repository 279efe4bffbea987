package io.modelops.api;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.modelops.api.v1alpha1.DrillRun;
import io.modelops.api.v1alpha1.DrillSchedule;
import io.modelops.api.v1alpha1.ModelDeployment;
import java.util.List;

/** The custom resource types of the {@code modelops.io} API group, in one place. */
public final class ModelOpsResources {

  /** Every custom resource class whose CRD is generated and installed. */
  public static final List<Class<? extends HasMetadata>> ALL =
      List.of(ModelDeployment.class, DrillSchedule.class, DrillRun.class);

  private ModelOpsResources() {}
}
