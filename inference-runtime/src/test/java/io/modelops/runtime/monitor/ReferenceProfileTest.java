package io.modelops.runtime.monitor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelops.runtime.monitor.ReferenceProfile.FeatureProfile;
import io.modelops.runtime.monitor.ReferenceProfile.TensorProfile;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReferenceProfileTest {

  private static ReferenceProfile sample() {
    return new ReferenceProfile(
        "test",
        4,
        List.of(
            new TensorProfile(
                "x",
                List.of(
                    new FeatureProfile(0, -1, 1, new double[] {0}, new double[] {0.5, 0.5}),
                    new FeatureProfile(
                        2, 0, 10, new double[] {1, 5}, new double[] {0.25, 0.5, 0.25})))),
        List.of(
            new TensorProfile(
                "score",
                List.of(
                    new FeatureProfile(0, 0, 1, new double[] {0.5}, new double[] {0.4, 0.6})))));
  }

  @Test
  void roundTripsThroughJson() {
    ReferenceProfile p = sample();
    ReferenceProfile back = ReferenceProfile.parse(p.toBytes());
    assertEquals("test", back.source());
    assertEquals(4, back.rows());
    assertEquals(2, back.inputs().get(0).features().size());
    FeatureProfile f = back.inputs().get(0).features().get(1);
    assertEquals(2, f.index());
    assertEquals(10.0, f.max());
    assertArrayEquals(new double[] {1, 5}, f.edges());
    assertArrayEquals(new double[] {0.25, 0.5, 0.25}, f.expected());
    assertEquals("score", back.outputs().get(0).name());
    assertEquals(p.toJson(), back.toJson());
  }

  @Test
  void refusesBrokenProfiles() {
    String ok = sample().toJson();
    assertRefused(ok.replace("reference-profile/v1", "reference-profile/v9"), "format");
    assertRefused(ok.replace("\"edges\":[0]", "\"edges\":[0,0]"), "edges");
    assertRefused(ok.replace("\"edges\":[1,5]", "\"edges\":[5,1]"), "strictly increasing");
    assertRefused(ok.replace("[0.4,0.6]", "[0.4,0.4]"), "sum to");
    assertRefused(ok.replace("\"min\":0,\"max\":10", "\"min\":11,\"max\":10"), "min");
    assertRefused("[1,2]", "object");
    assertRefused("{\"format\":", "JSON");
  }

  private static void assertRefused(String json, String fragment) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ReferenceProfile.parse(json.getBytes(StandardCharsets.UTF_8)),
            json);
    assertTrue(e.getMessage().contains(fragment), e.getMessage() + " should say " + fragment);
  }

  @Test
  void builderMakesQuantileBinsWhoseSampleScoresZero() {
    double[] sample = new double[1000];
    for (int i = 0; i < sample.length; i++) {
      sample[i] = i; // 0..999
    }
    FeatureProfile f = ProfileBuilder.feature(0, sample, 4);
    assertArrayEquals(new double[] {250, 500, 750}, f.edges());
    assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, f.expected());
    assertEquals(0.0, f.min());
    assertEquals(999.0, f.max());
    long[] counts = new long[4];
    for (double v : sample) {
      counts[f.bin(v)]++;
    }
    assertEquals(0.0, Psi.psi(counts, f.expected()), 1e-12);
  }

  @Test
  void builderDropsDuplicateEdgesAndIgnoresNaN() {
    double[] sample = {1, 1, 1, 1, 1, 1, 2, 2, 3, Double.NaN};
    FeatureProfile f = ProfileBuilder.feature(3, sample, 4);
    // quantiles at 9/4=2, 4, 6 of the 9 finite values: 1, 1, 2
    assertArrayEquals(new double[] {1, 2}, f.edges());
    assertArrayEquals(
        new double[] {0, ReferenceProfile.rounded(6 / 9.0), ReferenceProfile.rounded(3 / 9.0)},
        f.expected());
    assertEquals(3, f.index());
  }

  @Test
  void builderRangeCoversTheSampleAfterRounding() {
    Random r = new Random(1);
    double[] sample = new double[500];
    for (int i = 0; i < sample.length; i++) {
      sample[i] = r.nextGaussian() * 3.3333333;
    }
    FeatureProfile f = ProfileBuilder.feature(0, sample, 10);
    for (double v : sample) {
      assertTrue(v >= f.min() && v <= f.max(), v + " outside " + f.min() + ".." + f.max());
    }
    FeatureProfile back =
        ReferenceProfile.parse(
                new ReferenceProfile("", 0, List.of(new TensorProfile("x", List.of(f))), List.of())
                    .toBytes())
            .inputs()
            .get(0)
            .features()
            .get(0);
    assertArrayEquals(f.edges(), back.edges());
    assertEquals(f.min(), back.min());
    assertEquals(f.max(), back.max());
  }
}
