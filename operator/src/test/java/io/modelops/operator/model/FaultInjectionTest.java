package io.modelops.operator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.modelops.api.v1alpha1.FaultInjectionSpec;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.operator.config.OperatorSettings;
import io.modelops.operator.testing.ModelDeployments;
import io.modelops.runtime.config.RuntimeConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fault-injection opt-in: the token Secret and what the runtime pods get with it on or off. */
class FaultInjectionTest {

  static ModelDeployment md(Boolean enabled) {
    ModelDeployment md = ModelDeployments.sample("search", "ctr", 2);
    md.getMetadata().setUid("uid-1");
    if (enabled != null) {
      FaultInjectionSpec spec = new FaultInjectionSpec();
      spec.setEnabled(enabled);
      md.getSpec().getRuntime().setFaultInjection(spec);
    }
    return md;
  }

  static Deployment deployment(ModelDeployment md) {
    return StableDeploymentBuilder.build(md, OperatorSettings.defaults());
  }

  static Container container(Deployment d) {
    return d.getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  @Test
  void offByDefaultAndWhenFalse() {
    for (Boolean enabled : new Boolean[] {null, false}) {
      ModelDeployment md = md(enabled);
      assertFalse(FaultInjection.enabled(md));
      Deployment d = deployment(md);
      assertTrue(
          container(d).getEnv().stream().noneMatch(e -> e.getName().startsWith("RUNTIME_ADMIN_")),
          "no admin env when " + enabled);
      assertTrue(
          d.getSpec().getTemplate().getSpec().getVolumes().stream()
              .noneMatch(v -> v.getName().equals(FaultInjection.VOLUME)));
      assertTrue(
          container(d).getVolumeMounts().stream()
              .noneMatch(m -> m.getName().equals(FaultInjection.VOLUME)));
      assertFalse(
          RuntimeConfig.load(RuntimeEnvContractTest.plainEnv(md), new String[0]).adminEnabled());
    }
  }

  @Test
  void onMountsTheSecretReadOnlyAndTurnsTheAdminApiOn() {
    ModelDeployment md = md(true);
    Deployment d = deployment(md);
    Volume volume =
        d.getSpec().getTemplate().getSpec().getVolumes().stream()
            .filter(v -> v.getName().equals(FaultInjection.VOLUME))
            .findFirst()
            .orElseThrow();
    assertEquals("ctr-fault-token", volume.getSecret().getSecretName());
    assertEquals(0440, volume.getSecret().getDefaultMode());
    VolumeMount mount =
        container(d).getVolumeMounts().stream()
            .filter(m -> m.getName().equals(FaultInjection.VOLUME))
            .findFirst()
            .orElseThrow();
    assertTrue(mount.getReadOnly());
    assertEquals("/var/run/modelops/fault-token", mount.getMountPath());

    // The runtime's own parser accepts the env and ends up with the admin API on.
    RuntimeConfig config = RuntimeConfig.load(RuntimeEnvContractTest.plainEnv(md), new String[0]);
    assertTrue(config.adminEnabled());
    assertEquals(Path.of("/var/run/modelops/fault-token/token"), config.adminTokenFile());
    assertEquals(Duration.ofHours(2), config.adminMaxFaultDuration());
  }

  @Test
  void turningItOnChangesThePodTemplate() {
    assertNotEquals(
        deployment(md(false)).getSpec().getTemplate(),
        deployment(md(true)).getSpec().getTemplate());
  }

  @Test
  void theSecretIsOwnedLabelledImmutableAndHoldsTheToken() {
    ModelDeployment md = md(true);
    Secret secret = FaultInjection.secret(md, "t0ken");
    assertEquals("ctr-fault-token", secret.getMetadata().getName());
    assertEquals("search", secret.getMetadata().getNamespace());
    assertEquals("uid-1", secret.getMetadata().getOwnerReferences().get(0).getUid());
    assertEquals(Labels.MANAGED_BY_VALUE, secret.getMetadata().getLabels().get(Labels.MANAGED_BY));
    assertTrue(secret.getImmutable());
    assertEquals("dDBrZW4=", secret.getData().get(FaultInjection.TOKEN_KEY));
    assertEquals("t0ken", FaultInjection.token(secret));
  }

  @Test
  void tokensAreLongRandomHex() {
    String a = FaultInjection.newToken();
    String b = FaultInjection.newToken();
    assertTrue(a.matches("[0-9a-f]{64}"), a.length() + " characters");
    assertNotEquals(a, b);
    assertEquals(FaultInjection.newToken(new Random(1)), FaultInjection.newToken(new Random(1)));
  }
}
