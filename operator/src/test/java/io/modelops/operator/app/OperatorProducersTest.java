package io.modelops.operator.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.modelops.operator.model.PodEndpoints;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OperatorProducersTest {

  record Election(boolean enabled, String leaseName, Optional<String> leaseNamespace)
      implements ModelOpsConfig.LeaderElection {}

  record Config(String runtimeImage, LeaderElection leaderElection) implements ModelOpsConfig {
    @Override
    public String runtimeGpuImage() {
      return runtimeImage + "-gpu";
    }

    @Override
    public Duration defaultProgressDeadline() {
      return Duration.ofMinutes(10);
    }

    @Override
    public Duration pvcRecheckInterval() {
      return Duration.ofSeconds(5);
    }

    @Override
    public Duration releaseTick() {
      return Duration.ofSeconds(2);
    }

    @Override
    public Optional<String> podPortAnnotation() {
      return runtimeImage.equals("shared") ? Optional.of("example.com/ports") : Optional.empty();
    }
  }

  final OperatorProducers producers = new OperatorProducers();

  @Test
  void settingsComeFromConfiguration() {
    var settings =
        producers.settings(new Config("img:1", new Election(true, "lease", Optional.empty())));
    assertEquals("img:1", settings.runtimeImage());
    assertEquals("img:1-gpu", settings.runtimeGpuImage());
    assertEquals(Duration.ofMinutes(10), settings.defaultProgressDeadline());
    assertEquals(Duration.ofSeconds(5), settings.pvcRecheckInterval());
    assertEquals(Duration.ofSeconds(2), settings.releaseTick());
  }

  @Test
  void podsAreReachedDirectlyUnlessAPortAnnotationIsSet() {
    var election = new Election(true, "lease", Optional.empty());
    assertEquals(PodEndpoints.DIRECT, producers.podEndpoints(new Config("img:1", election)));
    assertEquals(
        Optional.of("example.com/ports"),
        producers.podEndpoints(new Config("shared", election)).annotation());
  }

  @Test
  void leaderElectionCanBeTurnedOff() {
    var on =
        producers.leaderElection(
            new Config("img", new Election(true, "modelops-lease", Optional.of("ops"))));
    assertEquals("modelops-lease", on.getLeaseName());
    assertEquals(Optional.of("ops"), on.getLeaseNamespace());
    assertNull(
        producers.leaderElection(new Config("img", new Election(false, "x", Optional.empty()))));
  }
}
