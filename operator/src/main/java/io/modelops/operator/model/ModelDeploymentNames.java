package io.modelops.operator.model;

import io.modelops.api.v1alpha1.ModelDeployment;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Names of every object the operator owns for a {@link ModelDeployment}, in one place.
 *
 * <p>All names are DNS-1035 labels (at most 63 characters, lowercase alphanumerics and '-',
 * starting with a letter) so they are valid for every kind, including Services. A name that would
 * be too long is shortened and suffixed with a hash of the full name, so two long names never
 * collide.
 */
public final class ModelDeploymentNames {

  /** Longest name Kubernetes accepts for a DNS-1035 label (Service names, label values). */
  public static final int MAX_LENGTH = 63;

  private static final int HASH_LENGTH = 8;

  private ModelDeploymentNames() {}

  /** The stable track's Deployment: {@code <name>-stable}. */
  public static String stableDeployment(ModelDeployment md) {
    return withSuffix(md.getMetadata().getName(), "-stable");
  }

  /** The canary track's Deployment: {@code <name>-canary}. */
  public static String canaryDeployment(ModelDeployment md) {
    return withSuffix(md.getMetadata().getName(), "-canary");
  }

  /** The Deployment of {@code track} (stable or canary). */
  public static String trackDeployment(ModelDeployment md, String track) {
    return Labels.TRACK_CANARY.equals(track) ? canaryDeployment(md) : stableDeployment(md);
  }

  /** The Service clients call: {@code <name>}. */
  public static String service(ModelDeployment md) {
    return withSuffix(md.getMetadata().getName(), "");
  }

  /**
   * The Service over one track's pods, a backend of the HTTPRoute with GatewayAPI routing: {@code
   * <name>-stable} or {@code <name>-canary} (the same names as the Deployments, another kind).
   */
  public static String trackService(ModelDeployment md, String track) {
    return trackDeployment(md, track);
  }

  /** The PodDisruptionBudget over all runtime pods of the deployment: {@code <name>}. */
  public static String podDisruptionBudget(ModelDeployment md) {
    return withSuffix(md.getMetadata().getName(), "");
  }

  /** The HorizontalPodAutoscaler of the stable track: {@code <name>-stable}. */
  public static String horizontalPodAutoscaler(ModelDeployment md) {
    return stableDeployment(md);
  }

  /**
   * The Secret holding the runtime's fault admin token (fault-injection opt-in): {@code
   * <name>-fault-token}.
   */
  public static String faultTokenSecret(ModelDeployment md) {
    return withSuffix(md.getMetadata().getName(), "-fault-token");
  }

  /** Model name served under {@code /v2/models/{name}}: spec.model.name or metadata.name. */
  public static String modelName(ModelDeployment md) {
    var model = md.getSpec() == null ? null : md.getSpec().getModel();
    if (model != null && model.getName() != null && !model.getName().isBlank()) {
      return model.getName();
    }
    return md.getMetadata().getName();
  }

  /** A value usable as a label value (at most 63 characters), derived from {@code value}. */
  public static String labelValue(String value) {
    if (value == null) {
      return "";
    }
    String cleaned = value.replaceAll("[^A-Za-z0-9._-]", "-");
    cleaned = trimNonAlphanumeric(cleaned);
    if (cleaned.length() <= MAX_LENGTH && cleaned.equals(value)) {
      return cleaned;
    }
    return shorten(cleaned, value, MAX_LENGTH);
  }

  /**
   * {@code base + suffix} as a DNS-1035 label: dots and other characters become '-', a leading
   * digit gets an {@code m-} prefix, and a result longer than 63 characters is cut and made unique
   * with a hash of {@code base}.
   */
  static String withSuffix(String base, String suffix) {
    String cleaned = base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    if (cleaned.isEmpty() || !Character.isLetter(cleaned.charAt(0))) {
      cleaned = "m-" + cleaned;
    }
    cleaned = trimNonAlphanumeric(cleaned);
    if (cleaned.equals(base) && cleaned.length() + suffix.length() <= MAX_LENGTH) {
      return cleaned + suffix;
    }
    // Changed or too long: the hash of the original keeps "a.b" and "a-b" distinct.
    return shorten(cleaned, base, MAX_LENGTH - suffix.length()) + suffix;
  }

  private static String shorten(String cleaned, String original, int maxLength) {
    String hash = hash(original);
    int keep = Math.max(0, Math.min(cleaned.length(), maxLength - HASH_LENGTH - 1));
    String head = trimNonAlphanumeric(cleaned.substring(0, keep));
    return head.isEmpty() ? hash : head + "-" + hash;
  }

  private static String trimNonAlphanumeric(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && !Character.isLetterOrDigit(s.charAt(start))) {
      start++;
    }
    while (end > start && !Character.isLetterOrDigit(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  static String hash(String value) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HASH_LENGTH);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
