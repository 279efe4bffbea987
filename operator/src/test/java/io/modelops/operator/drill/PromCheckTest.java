package io.modelops.operator.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelops.api.v1alpha1.ProbeCheckResult;
import io.modelops.api.v1alpha1.PrometheusProbe;
import io.modelops.operator.prometheus.PromSample;
import io.modelops.operator.prometheus.PrometheusClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PromCheckTest {

  static PrometheusProbe probe(String max, String min) {
    PrometheusProbe p = new PrometheusProbe();
    p.setName("error-ratio");
    p.setQuery("sum(rate(errors[1m]))");
    p.setMax(max);
    p.setMin(min);
    return p;
  }

  private static List<PromSample> values(double... values) {
    return Arrays.stream(values).mapToObj(v -> new PromSample(Map.of(), v)).toList();
  }

  @ParameterizedTest(name = "max {0} min {1}: {2} -> worst {3}, breached {4}")
  @CsvSource({
    // at the limit is fine, above is a breach
    "0.05, , 0.05, 0.05, false",
    "0.05, , 0.051, 0.051, true",
    // the worst sample of several counts
    "0.05, , 0.01 0.2 0.03, 0.2, true",
    "0.05, , 0.01 0.02, 0.02, false",
    // a lower limit
    ", 5, 4.5, 4.5, true",
    ", 5, 5 7, 5, false",
    // both: the one furthest past a limit
    "10, 2, 11 0.5, 0.5, true",
    "10, 2, 3 9.5, 9.5, false",
    // NaN samples are not data, the others count
    "0.05, , NaN 0.07, 0.07, true",
  })
  void judge(String max, String min, String samples, double worst, boolean breached) {
    double[] vs = Arrays.stream(samples.split(" ")).mapToDouble(Double::parseDouble).toArray();
    PromCheck.Outcome out = PromCheck.judge(probe(max, min), values(vs));
    assertEquals(worst, out.value().getAsDouble(), 1e-12);
    assertEquals(breached, out.breached());
  }

  @Test
  void noDataIsNotABreach() {
    assertEquals(PromCheck.Outcome.NO_DATA, PromCheck.judge(probe("0.05", null), List.of()));
    assertEquals(
        PromCheck.Outcome.NO_DATA, PromCheck.judge(probe("0.05", null), values(Double.NaN)));
    assertFalse(PromCheck.Outcome.NO_DATA.breached());
  }

  @Test
  void theBreachMessageNamesTheCheckTheQueryTheValueAndTheLimit() {
    assertEquals(
        "Prometheus check error-ratio (sum(rate(errors[1m]))) = 0.12, above max 0.05",
        PromCheck.breach(probe("0.05", null), 0.12));
    assertEquals(
        "Prometheus check error-ratio (sum(rate(errors[1m]))) = 3, below min 5",
        PromCheck.breach(probe("10", "5"), 3.0));
    assertEquals("+Inf", PromCheck.format(Double.POSITIVE_INFINITY));
    assertEquals("1.23457e+08", PromCheck.format(123456789.0));
  }

  @Test
  void anAnswerFromPrometheusIsParsedByTheSharedClient() throws Exception {
    List<PromSample> samples =
        PrometheusClient.parse(
            200,
            "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":"
                + "[{\"metric\":{\"job\":\"a\"},\"value\":[1.0,\"0.5\"]},"
                + "{\"metric\":{\"job\":\"b\"},\"value\":[1.0,\"0.01\"]}]}}");
    PromCheck.Outcome out = PromCheck.judge(probe("0.1", null), samples);
    assertTrue(out.breached());
    assertEquals(0.5, out.value().getAsDouble());
  }

  @Test
  void aFormattedValueReadsBack() {
    for (double v : new double[] {0.12, 3, -7.5, 123456789.0, Double.POSITIVE_INFINITY}) {
      assertEquals(
          Double.parseDouble(PromCheck.format(v).replace("Inf", "Infinity")),
          PromCheck.parse(PromCheck.format(v)).getAsDouble());
    }
    assertEquals(Double.NEGATIVE_INFINITY, PromCheck.parse("-Inf").getAsDouble());
    assertTrue(PromCheck.parse(null).isEmpty());
    assertTrue(PromCheck.parse("NaN").isEmpty());
    assertTrue(PromCheck.parse("lots").isEmpty());
  }

  private static ProbeCheckResult recorded(String name, String value, String message) {
    ProbeCheckResult r = new ProbeCheckResult();
    r.setName(name);
    r.setValue(value);
    r.setMessage(message);
    return r;
  }

  @Test
  void aWatchForARunAnEarlierOperatorProbedStartsFromWhatItRecorded() {
    PrometheusProbe errors = probe("0.05", null);
    PrometheusProbe rate = probe(null, "5");
    rate.setName("rate");
    PrometheusProbe fresh = probe("1", null);
    fresh.setName("fresh");
    var client = new PrometheusClient(Duration.ofSeconds(1));
    // An earlier operator saw the error ratio breach (its status says so) and the rate fine.
    PromWatch resumed =
        new PromWatch(
            client,
            "http://127.0.0.1:1",
            List.of(errors, rate, fresh),
            Clock.systemUTC(),
            List.of(
                recorded("error-ratio", "0.2", null),
                recorded("rate", "9", "no data"),
                recorded("gone", "1", null)));

    assertEquals(
        Optional.of("Prometheus check error-ratio (sum(rate(errors[1m]))) = 0.2, above max 0.05"),
        resumed.breach(),
        "the recorded breach aborts in Observing as if this operator had seen it");
    List<ProbeCheckResult> results = resumed.results();
    assertEquals(
        List.of("error-ratio", "rate", "fresh"), results.stream().map(r -> r.getName()).toList());
    assertEquals("0.2", results.get(0).getValue());
    assertEquals(false, results.get(0).getPassed());
    assertEquals("9", results.get(1).getValue());
    assertEquals(true, results.get(1).getPassed());
    assertEquals("no data", results.get(1).getMessage());
    assertEquals(null, results.get(2).getValue(), "a check nothing was recorded for starts empty");

    PromWatch quiet =
        new PromWatch(
            client,
            "http://127.0.0.1:1",
            List.of(errors),
            Clock.systemUTC(),
            List.of(recorded("error-ratio", "0.01", null)));
    assertTrue(quiet.breach().isEmpty());
    assertEquals("0.01", quiet.results().get(0).getValue());
  }
}
