package io.modelops.api.v1alpha1;

/** Regular expressions shared by the schema's {@code pattern}s (compile-time constants). */
final class ApiPatterns {

  /** A Go-style duration such as {@code 30s} or {@code 1h30m} (see docs/api.md, Durations). */
  static final String DURATION = "^([0-9]+(\\.[0-9]+)?(us|ms|s|m|h))+$";

  /** A non-negative decimal such as {@code 0.05}. */
  static final String DECIMAL = "^[0-9]+(\\.[0-9]+)?$";

  /** A DNS-1123 subdomain: the name of a namespaced Kubernetes object. */
  static final String DNS_SUBDOMAIN =
      "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

  /** A DNS-1123 label. */
  static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

  /** An RFC 3339 instant with an explicit offset: {@code 2026-11-11T00:00:00+08:00}. */
  static final String RFC3339 =
      "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]"
          + "(\\.[0-9]{1,9})?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$";

  /** Five cron fields separated by spaces, or one of the {@code @daily}-style macros. */
  static final String CRON =
      "^(@(yearly|annually|monthly|weekly|daily|midnight|hourly)"
          + "|[0-9A-Za-z*?/,-]+( +[0-9A-Za-z*?/,-]+){4})$";

  /** An IANA time zone name such as {@code Europe/Berlin}, {@code UTC} or {@code Etc/GMT+5}. */
  static final String TIME_ZONE = "^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$";

  private ApiPatterns() {}
}
