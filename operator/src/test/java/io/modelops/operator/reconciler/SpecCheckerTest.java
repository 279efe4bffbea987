package io.modelops.operator.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.api.v1alpha1.ReleaseSpec;
import io.modelops.operator.condition.Problem;
import io.modelops.operator.condition.Reasons;
import io.modelops.operator.testing.ModelDeployments;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecCheckerTest {

  final ModelDeployment md = ModelDeployments.sample("search", "ctr", 1);

  @Test
  void fileUriNeedsNoLookup() {
    assertEquals(
        List.of(),
        SpecChecker.check(
            md,
            (ns, claim) -> {
              throw new AssertionError("no lookup expected");
            }));
  }

  @Test
  void missingClaimBlocksAndNamesTheClaim() {
    md.getSpec().getModel().setUri("pvc://store/m.onnx");
    List<Problem> problems = SpecChecker.check(md, (ns, claim) -> false);
    assertEquals(1, problems.size());
    assertEquals(Reasons.PVC_NOT_FOUND, problems.get(0).reason());
    assertTrue(problems.get(0).blocksApply());
    assertTrue(problems.get(0).message().contains("search/store"));
    assertEquals(
        List.of(),
        SpecChecker.check(md, (ns, claim) -> ns.equals("search") && claim.equals("store")));
  }

  @Test
  void unparsableValuesAreInvalidSpec() {
    md.getSpec().getModel().setUri("s3://bucket/m.onnx");
    assertEquals(Reasons.INVALID_SPEC, SpecChecker.check(md, (n, c) -> true).get(0).reason());
    md.getSpec().getModel().setUri("file:///m.onnx");
    ReleaseSpec release = new ReleaseSpec();
    release.setProgressDeadline("soon");
    md.getSpec().setRelease(release);
    Problem problem = SpecChecker.check(md, (n, c) -> true).get(0);
    assertEquals(Reasons.INVALID_SPEC, problem.reason());
    assertTrue(problem.message().contains("progressDeadline"));
  }
}
