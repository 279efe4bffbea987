package io.modelops.runtime.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Prometheus histogram read from the text exposition format: cumulative bucket counts by upper
 * bound, summed over every series that carries the wanted labels. Two scrapes subtract to the
 * histogram of what happened between them, and quantiles are interpolated inside buckets the way
 * PromQL's {@code histogram_quantile} does.
 */
record PrometheusHistogram(TreeMap<Double, Double> cumulative, double sum, double count) {

  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)(\\s+\\d+)?$");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  /**
   * Parses histogram {@code name} (without the {@code _bucket} suffix) from exposition text,
   * keeping series whose labels include every entry of {@code labels}. Returns an empty histogram
   * when the metric is absent.
   */
  static PrometheusHistogram parse(String text, String name, Map<String, String> labels) {
    TreeMap<Double, Double> buckets = new TreeMap<>();
    double sum = 0;
    double count = 0;
    for (String line : text.split("\n")) {
      if (line.isEmpty() || line.charAt(0) == '#') {
        continue;
      }
      Matcher m = SAMPLE.matcher(line.trim());
      if (!m.matches() || !m.group(1).startsWith(name)) {
        continue;
      }
      String suffix = m.group(1).substring(name.length());
      Map<String, String> seriesLabels = labels(m.group(3));
      if (!seriesLabels.entrySet().containsAll(labels.entrySet())) {
        continue;
      }
      double value = parseValue(m.group(4));
      switch (suffix) {
        case "_bucket" -> buckets.merge(parseValue(seriesLabels.get("le")), value, Double::sum);
        case "_sum" -> sum += value;
        case "_count" -> count += value;
        default -> {}
      }
    }
    return new PrometheusHistogram(buckets, sum, count);
  }

  /** What was recorded between {@code earlier} and this scrape. */
  PrometheusHistogram minus(PrometheusHistogram earlier) {
    TreeMap<Double, Double> delta = new TreeMap<>();
    cumulative.forEach((le, c) -> delta.put(le, c - earlier.cumulative.getOrDefault(le, 0.0)));
    return new PrometheusHistogram(delta, sum - earlier.sum, count - earlier.count);
  }

  boolean isEmpty() {
    return count <= 0;
  }

  double mean() {
    return count > 0 ? sum / count : Double.NaN;
  }

  /**
   * The {@code q} quantile (0..1), linearly interpolated inside the bucket that holds it; the
   * lowest bucket interpolates from 0. A quantile in the {@code +Inf} bucket returns the highest
   * finite bound (the answer is "at least this").
   */
  double quantile(double q) {
    double total = cumulative.isEmpty() ? 0 : cumulative.lastEntry().getValue();
    if (total <= 0) {
      return Double.NaN;
    }
    double rank = q * total;
    double lowerBound = 0;
    double lowerCount = 0;
    for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
      double upper = bucket.getKey();
      double c = bucket.getValue();
      if (c >= rank) {
        if (Double.isInfinite(upper)) {
          return lowerBound;
        }
        double inBucket = c - lowerCount;
        return inBucket <= 0
            ? upper
            : lowerBound + (upper - lowerBound) * ((rank - lowerCount) / inBucket);
      }
      lowerBound = upper;
      lowerCount = c;
    }
    return lowerBound;
  }

  private static Map<String, String> labels(String text) {
    Map<String, String> labels = new TreeMap<>();
    if (text != null) {
      Matcher m = LABEL.matcher(text);
      while (m.find()) {
        labels.put(m.group(1), m.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
      }
    }
    return labels;
  }

  private static double parseValue(String v) {
    return switch (v) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(v);
    };
  }
}
