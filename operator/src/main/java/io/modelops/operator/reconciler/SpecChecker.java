package io.modelops.operator.reconciler;

import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.operator.condition.Problem;
import io.modelops.operator.condition.Reasons;
import io.modelops.operator.model.Durations;
import io.modelops.operator.model.ModelUri;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * Checks what the CRD schema cannot: that referenced objects exist and that values parse. Each
 * problem blocks the apply, so what already serves stays untouched.
 */
public final class SpecChecker {

  private SpecChecker() {}

  /**
   * Problems of {@code md}'s spec.
   *
   * @param claimExists tells whether a PersistentVolumeClaim (namespace, name) exists
   */
  public static List<Problem> check(ModelDeployment md, BiPredicate<String, String> claimExists) {
    List<Problem> problems = new ArrayList<>();
    if (md.getSpec() == null || md.getSpec().getModel() == null) {
      problems.add(Problem.blocking(Reasons.INVALID_SPEC, "spec.model is required"));
      return problems;
    }
    ModelUri uri;
    try {
      uri = ModelUri.parse(md.getSpec().getModel().getUri());
    } catch (IllegalArgumentException e) {
      problems.add(Problem.blocking(Reasons.INVALID_SPEC, e.getMessage()));
      return problems;
    }
    var release = md.getSpec().getRelease();
    if (release != null && release.getProgressDeadline() != null) {
      try {
        Durations.parse(release.getProgressDeadline());
      } catch (IllegalArgumentException e) {
        problems.add(
            Problem.blocking(
                Reasons.INVALID_SPEC, "spec.release.progressDeadline: " + e.getMessage()));
      }
    }
    String namespace = md.getMetadata().getNamespace();
    uri.pvcClaim()
        .filter(claim -> !claimExists.test(namespace, claim))
        .ifPresent(
            claim ->
                problems.add(
                    Problem.blocking(
                        Reasons.PVC_NOT_FOUND,
                        "PersistentVolumeClaim "
                            + namespace
                            + "/"
                            + claim
                            + " named in spec.model.uri does not exist")));
    return problems;
  }
}
