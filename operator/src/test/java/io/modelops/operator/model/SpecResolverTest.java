package io.modelops.operator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.api.v1alpha1.ReleaseSpec;
import io.modelops.operator.condition.Problem;
import io.modelops.operator.condition.Reasons;
import io.modelops.operator.testing.ModelDeployments;
import java.time.Duration;
import java.util.List;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;

class SpecResolverTest {

  final ModelDeployment md = ModelDeployments.sample("search", "ctr", 1);

  @Test
  void fileUriNeedsNoLookup() {
    assertEquals(
        List.of(),
        check(
            md,
            (ns, claim) -> {
              throw new AssertionError("no lookup expected");
            }));
  }

  @Test
  void missingClaimBlocksAndNamesTheClaim() {
    md.getSpec().getModel().setUri("pvc://store/m.onnx");
    List<Problem> problems = check(md, (ns, claim) -> false);
    assertEquals(1, problems.size());
    assertEquals(Reasons.PVC_NOT_FOUND, problems.get(0).reason());
    assertTrue(problems.get(0).blocksApply());
    assertTrue(problems.get(0).message().contains("search/store"));
    assertEquals(List.of(), check(md, (ns, claim) -> ns.equals("search") && claim.equals("store")));
  }

  @Test
  void unparsableValuesAreInvalidSpec() {
    md.getSpec().getModel().setUri("s3://bucket/m.onnx");
    assertEquals(Reasons.INVALID_SPEC, check(md, (n, c) -> true).get(0).reason());
    md.getSpec().getModel().setUri("file:///m.onnx");
    ReleaseSpec release = new ReleaseSpec();
    release.setProgressDeadline("soon");
    md.getSpec().setRelease(release);
    Problem problem = check(md, (n, c) -> true).get(0);
    assertEquals(Reasons.INVALID_SPEC, problem.reason());
    assertTrue(problem.message().contains("progressDeadline"));
  }

  /** What the CRD's rules refuse is refused again here (an API server without the rules). */
  @Test
  void inconsistentSignatureSettingsAreInvalidSpec() {
    md.getSpec().getModel().setUri("pvc://store/m.onnx");
    var signature = new io.modelops.api.v1alpha1.SignatureSpec();
    md.getSpec().getModel().setSignature(signature);
    Problem noKeys = check(md, (n, c) -> true).get(0);
    assertEquals(Reasons.INVALID_SPEC, noKeys.reason());
    assertTrue(noKeys.message().contains("publicKeys"), noKeys.message());
    var ref = new io.modelops.api.v1alpha1.KeyReference();
    ref.setName("k");
    var keys = new io.modelops.api.v1alpha1.PublicKeySource();
    keys.setSecretRef(ref);
    signature.setPublicKeys(keys);
    assertEquals(List.of(), check(md, (n, c) -> true));
    signature.setUri("pvc://other/m.onnx.sig");
    Problem otherClaim = check(md, (n, c) -> true).get(0);
    assertTrue(otherClaim.message().contains("on the model's claim"), otherClaim.message());
    signature.setUri("pvc://store/sigs/m.onnx.sig");
    assertEquals(List.of(), check(md, (n, c) -> true));
    signature.setInline("AAAA");
    assertTrue(check(md, (n, c) -> true).get(0).message().contains("at most one of uri or inline"));
    signature.setPolicy(io.modelops.api.v1alpha1.SignaturePolicy.Disabled);
    assertEquals(List.of(), check(md, (n, c) -> true));
  }

  @Test
  void canaryDefaultsAreResolved() {
    var release = new ReleaseSpec();
    release.setStrategy(io.modelops.api.v1alpha1.ReleaseStrategy.Canary);
    var canary = new io.modelops.api.v1alpha1.CanarySpec();
    var step = new io.modelops.api.v1alpha1.CanaryStep();
    step.setWeight(10);
    step.setPause("1m");
    canary.setSteps(List.of(step));
    release.setCanary(canary);
    md.getSpec().setRelease(release);
    var resolved = SpecResolver.resolveOrThrow(md, Duration.ofMinutes(15)).canary().orElseThrow();
    assertEquals(1, resolved.maxSurgeReplicas());
    assertEquals(Duration.ofSeconds(30), resolved.interval());
    assertEquals(2, resolved.failureLimit());
    assertEquals(Duration.ofMinutes(1), resolved.steps().get(0).pause());
    assertTrue(resolved.blocked().isEmpty());
  }

  private static List<Problem> check(ModelDeployment md, BiPredicate<String, String> claims) {
    return SpecResolver.resolve(md, Duration.ofMinutes(15), claims).problems();
  }
}
