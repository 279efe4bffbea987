package io.modelops.operator.reconciler;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.operator.release.ReleaseCommand;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads the one-shot release annotations and removes the consumed ones. */
final class ReleaseCommands {

  private ReleaseCommands() {}

  /** The commands whose annotation is set on {@code md}. */
  static Set<ReleaseCommand> present(ModelDeployment md) {
    Map<String, String> annotations = md.getMetadata().getAnnotations();
    Set<ReleaseCommand> commands = EnumSet.noneOf(ReleaseCommand.class);
    if (annotations != null) {
      for (ReleaseCommand command : ReleaseCommand.values()) {
        if (annotations.containsKey(command.annotation())) {
          commands.add(command);
        }
      }
    }
    return commands;
  }

  /** Removes the annotations of {@code consumed} (a JSON patch; a failure is retried later). */
  static void remove(KubernetesClient client, ModelDeployment md, Set<ReleaseCommand> consumed) {
    Set<ReleaseCommand> present = present(md);
    present.retainAll(consumed);
    if (present.isEmpty()) {
      return;
    }
    String patch =
        present.stream()
            .map(
                c ->
                    "{\"op\":\"remove\",\"path\":\"/metadata/annotations/"
                        + c.annotation().replace("~", "~0").replace("/", "~1")
                        + "\"}")
            .collect(Collectors.joining(",", "[", "]"));
    try {
      client
          .resources(ModelDeployment.class)
          .inNamespace(md.getMetadata().getNamespace())
          .withName(md.getMetadata().getName())
          .patch(new PatchContext.Builder().withPatchType(PatchType.JSON).build(), patch);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 422 && e.getCode() != 404) {
        throw e;
      }
    }
  }
}
