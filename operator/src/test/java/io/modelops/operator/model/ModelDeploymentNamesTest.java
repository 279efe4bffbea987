package io.modelops.operator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.operator.testing.ModelDeployments;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ModelDeploymentNamesTest {

  private static final Pattern DNS_1035 = Pattern.compile("^[a-z]([-a-z0-9]*[a-z0-9])?$");
  private static final Pattern LABEL_VALUE =
      Pattern.compile("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$");

  private static ModelDeployment named(String name) {
    return ModelDeployments.sample("ns", name, 1);
  }

  @Test
  void shortNamesAreKeptWithTheirSuffix() {
    ModelDeployment md = named("ctr-ranker");
    assertEquals("ctr-ranker-stable", ModelDeploymentNames.stableDeployment(md));
    assertEquals("ctr-ranker", ModelDeploymentNames.service(md));
    assertEquals("ctr-ranker", ModelDeploymentNames.podDisruptionBudget(md));
    assertEquals("ctr-ranker-stable", ModelDeploymentNames.horizontalPodAutoscaler(md));
  }

  @Test
  void longNamesAreCutTo63CharactersAndStayDistinct() {
    String base = "a".repeat(70);
    String one = ModelDeploymentNames.stableDeployment(named(base + "x"));
    String two = ModelDeploymentNames.stableDeployment(named(base + "y"));
    assertTrue(one.length() <= 63, one);
    assertTrue(one.endsWith("-stable"), one);
    assertTrue(DNS_1035.matcher(one).matches(), one);
    assertNotEquals(one, two);
    assertEquals(one, ModelDeploymentNames.stableDeployment(named(base + "x")), "deterministic");
  }

  @Test
  void namesThatAreNotDnsLabelsAreSanitisedWithoutCollisions() {
    String dotted = ModelDeploymentNames.service(named("ctr.ranker"));
    String dashed = ModelDeploymentNames.service(named("ctr-ranker"));
    String digit = ModelDeploymentNames.service(named("1ranker"));
    assertTrue(DNS_1035.matcher(dotted).matches(), dotted);
    assertTrue(DNS_1035.matcher(digit).matches(), digit);
    assertNotEquals(dotted, dashed);
  }

  @Test
  void exactly63CharactersIsKept() {
    String name = "b".repeat(63);
    assertEquals(name, ModelDeploymentNames.service(named(name)));
    String stable = ModelDeploymentNames.stableDeployment(named(name));
    assertEquals(63, stable.length());
  }

  @Test
  void labelValuesFitTheLabelSyntax() {
    assertEquals("2026-11-13", ModelDeploymentNames.labelValue("2026-11-13"));
    String longValue = ModelDeploymentNames.labelValue("v".repeat(100));
    assertTrue(longValue.length() <= 63);
    assertTrue(LABEL_VALUE.matcher(longValue).matches(), longValue);
    String odd = ModelDeploymentNames.labelValue("-model/v1+");
    assertTrue(LABEL_VALUE.matcher(odd).matches(), odd);
  }

  @Test
  void modelNameDefaultsToMetadataName() {
    ModelDeployment md = named("ranker");
    assertEquals("ctr-ranker", ModelDeploymentNames.modelName(md));
    md.getSpec().getModel().setName(null);
    assertEquals("ranker", ModelDeploymentNames.modelName(md));
  }
}
