package io.modelops.runtime.metrics;

import java.math.BigDecimal;

/**
 * Rewrites the {@code le} label values of a Prometheus text exposition into the canonical form that
 * Prometheus itself stores (its {@code formatOpenMetricsFloat}): Go's {@code strconv.FormatFloat(v,
 * 'g', -1, 64)}, with {@code .0} added to whole numbers, so {@code 5e-06}, {@code 0.0025}, {@code
 * 1.0}, {@code 10.0}, {@code +Inf}. Micrometer writes Java's {@code Double.toString} ({@code
 * 5.0E-6}), which Prometheus 2 stores as a different series than what the same bucket is called
 * elsewhere.
 */
public final class CanonicalLe {
  private CanonicalLe() {}

  /** The exposition with every {@code le="…"} label value in canonical form. */
  public static String rewrite(String exposition) {
    StringBuilder out = new StringBuilder(exposition.length());
    int from = 0;
    while (true) {
      int at = nextLe(exposition, from);
      if (at < 0) {
        out.append(exposition, from, exposition.length());
        return out.toString();
      }
      int valueStart = at + 4;
      int valueEnd = exposition.indexOf('"', valueStart);
      if (valueEnd < 0) {
        out.append(exposition, from, exposition.length());
        return out.toString();
      }
      out.append(exposition, from, valueStart);
      out.append(format(exposition.substring(valueStart, valueEnd)));
      from = valueEnd;
    }
  }

  /** Index of the {@code l} of the next {@code le="} label (preceded by '{' or ','), or -1. */
  private static int nextLe(String text, int from) {
    int at = text.indexOf("le=\"", from);
    while (at > 0 && text.charAt(at - 1) != '{' && text.charAt(at - 1) != ',') {
      at = text.indexOf("le=\"", at + 1);
    }
    return at;
  }

  /** One {@code le} value in canonical form; a value that is not a number is left as it is. */
  public static String format(String value) {
    double v;
    try {
      v = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      return value;
    }
    return format(v);
  }

  /** A number in Prometheus' canonical float form (see the class comment). */
  public static String format(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == 0) {
      return "0.0";
    }
    // Java's Double.toString gives the shortest digits that round-trip, as Go's -1 precision does
    BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
    String digits = d.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - d.scale(); // decimal exponent of the first digit
    String sign = v < 0 ? "-" : "";
    if (exponent < -4 || exponent >= 6) {
      String mantissa =
          digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      String exp = Integer.toString(Math.abs(exponent));
      return sign
          + mantissa
          + "e"
          + (exponent < 0 ? "-" : "+")
          + (exp.length() < 2 ? "0" + exp : exp);
    }
    String plain = d.abs().toPlainString();
    return sign + (plain.contains(".") ? plain : plain + ".0");
  }
}
