package io.modelops.runtime.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@code le} values as Prometheus stores them (Go's shortest 'g' format, ".0" for whole). */
class CanonicalLeTest {
  @Test
  void formatsLikePrometheus() {
    assertEquals("5e-06", CanonicalLe.format(5e-6));
    assertEquals("1e-05", CanonicalLe.format(1e-5));
    assertEquals("2.5e-05", CanonicalLe.format(2.5e-5));
    assertEquals("0.0001", CanonicalLe.format(1e-4));
    assertEquals("0.00025", CanonicalLe.format(2.5e-4));
    assertEquals("0.005", CanonicalLe.format(0.005));
    assertEquals("0.05", CanonicalLe.format(0.05));
    assertEquals("1.0", CanonicalLe.format(1));
    assertEquals("2.5", CanonicalLe.format(2.5));
    assertEquals("10.0", CanonicalLe.format(10));
    assertEquals("4096.0", CanonicalLe.format(4096));
    assertEquals("1e+06", CanonicalLe.format(1e6));
    assertEquals("0.0", CanonicalLe.format(0));
    assertEquals("-0.5", CanonicalLe.format(-0.5));
    assertEquals("+Inf", CanonicalLe.format(Double.POSITIVE_INFINITY));
    assertEquals("0.005", CanonicalLe.format("0.0050"));
    assertEquals("5e-06", CanonicalLe.format("5.0E-6"));
    assertEquals("+Inf", CanonicalLe.format("+Inf"));
  }

  @Test
  void rewritesOnlyTheLeLabel() {
    String in =
        """
        # HELP x_seconds a help text with le="5.0E-6" in it
        x_seconds_bucket{model="m",le="5.0E-6"} 1
        x_seconds_bucket{handle="1.0E-5",le="1.0"} 2
        x_seconds_bucket{le="+Inf",model="m"} 3
        x_seconds_sum{model="m"} 5.0E-6
        """;
    String out =
        """
        # HELP x_seconds a help text with le="5.0E-6" in it
        x_seconds_bucket{model="m",le="5e-06"} 1
        x_seconds_bucket{handle="1.0E-5",le="1.0"} 2
        x_seconds_bucket{le="+Inf",model="m"} 3
        x_seconds_sum{model="m"} 5.0E-6
        """;
    assertEquals(out, CanonicalLe.rewrite(in));
  }
}
