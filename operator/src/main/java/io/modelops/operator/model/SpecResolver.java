package io.modelops.operator.model;

import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.api.v1alpha1.ReleaseStrategy;
import io.modelops.operator.condition.Problem;
import io.modelops.operator.condition.Reasons;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * Checks what the CRD schema cannot (referenced objects exist, values parse) and resolves the spec
 * into a {@link ResolvedSpec}: either problems, each blocking the apply so what serves stays
 * untouched, or the resolved value. Pure apart from the claim lookup it is given.
 */
public final class SpecResolver {

  /** Problems, or the resolved spec when there are none. */
  public record Resolution(List<Problem> problems, Optional<ResolvedSpec> spec) {
    public Resolution {
      problems = List.copyOf(problems);
    }
  }

  private SpecResolver() {}

  /**
   * Resolves {@code md}'s spec.
   *
   * @param defaultProgressDeadline used when spec.release.progressDeadline is not set
   * @param claimExists tells whether a PersistentVolumeClaim (namespace, name) exists
   */
  public static Resolution resolve(
      ModelDeployment md,
      Duration defaultProgressDeadline,
      BiPredicate<String, String> claimExists) {
    List<Problem> problems = new ArrayList<>();
    if (md.getSpec() == null || md.getSpec().getModel() == null) {
      return failed(Problem.blocking(Reasons.INVALID_SPEC, "spec.model is required"));
    }
    ModelUri uri;
    try {
      uri = ModelUri.parse(md.getSpec().getModel().getUri());
      SignatureMounts.validate(md, uri);
    } catch (IllegalArgumentException e) {
      return failed(Problem.blocking(Reasons.INVALID_SPEC, e.getMessage()));
    }
    var release = md.getSpec().getRelease();
    Duration deadline = defaultProgressDeadline;
    Optional<CanaryRelease> canary = Optional.empty();
    try {
      if (release != null && release.getProgressDeadline() != null) {
        deadline = parse("spec.release.progressDeadline", release.getProgressDeadline());
      }
      if (release != null && release.getStrategy() == ReleaseStrategy.Canary) {
        canary = Optional.of(CanaryResolver.resolve(md.getSpec()));
      }
    } catch (IllegalArgumentException e) {
      problems.add(Problem.blocking(Reasons.INVALID_SPEC, e.getMessage()));
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
    if (!problems.isEmpty()) {
      return new Resolution(problems, Optional.empty());
    }
    var runtime = RuntimeContainerBuilder.runtime(md);
    boolean paused = release != null && Boolean.TRUE.equals(release.getPaused());
    return new Resolution(
        List.of(),
        Optional.of(
            new ResolvedSpec(
                md,
                uri,
                StableDeploymentBuilder.initialReplicas(md),
                runtime.getAutoscaling() != null,
                deadline,
                paused,
                canary)));
  }

  /** Resolves without looking up claims (builders in tests, specs known to be valid). */
  public static ResolvedSpec resolveOrThrow(ModelDeployment md, Duration defaultProgressDeadline) {
    Resolution resolution = resolve(md, defaultProgressDeadline, (ns, claim) -> true);
    return resolution
        .spec()
        .orElseThrow(() -> new IllegalArgumentException(resolution.problems().get(0).message()));
  }

  static Duration parse(String field, String value) {
    try {
      return Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
    }
  }

  private static Resolution failed(Problem problem) {
    return new Resolution(List.of(problem), Optional.empty());
  }
}
