package io.modelops.operator.model;

import java.util.Locale;
import java.util.Optional;

/**
 * A parsed {@code spec.model.uri}.
 *
 * @param scheme {@code file}, {@code http}, {@code https} or {@code pvc}
 * @param claim the PersistentVolumeClaim for {@code pvc://claim/path}, else null
 * @param path the path inside the claim for {@code pvc://}, else null
 * @param raw the URI as written
 */
public record ModelUri(String scheme, String claim, String path, String raw) {

  /** Where a {@code pvc://} claim is mounted in the runtime container. */
  public static final String PVC_MOUNT_PATH = "/mnt/models";

  /**
   * Parses a model URI.
   *
   * @throws IllegalArgumentException with a message naming the problem
   */
  public static ModelUri parse(String uri) {
    if (uri == null || uri.isBlank()) {
      throw new IllegalArgumentException("spec.model.uri is required");
    }
    int sep = uri.indexOf("://");
    if (sep <= 0) {
      throw new IllegalArgumentException(
          "spec.model.uri '" + uri + "' has no scheme (file://, http(s)://, pvc://)");
    }
    String scheme = uri.substring(0, sep).toLowerCase(Locale.ROOT);
    String rest = uri.substring(sep + 3);
    switch (scheme) {
      case "file", "http", "https":
        return new ModelUri(scheme, null, null, uri);
      case "pvc":
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
          throw new IllegalArgumentException(
              "spec.model.uri '" + uri + "' must be pvc://<claim>/<path to the .onnx file>");
        }
        String path = rest.substring(slash + 1);
        if (path.contains("..")) {
          throw new IllegalArgumentException(
              "spec.model.uri '" + uri + "' must not contain '..' in the path");
        }
        return new ModelUri(scheme, rest.substring(0, slash), path, uri);
      default:
        throw new IllegalArgumentException(
            "spec.model.uri scheme '"
                + scheme
                + "' is not supported (file://, http(s)://, pvc://)");
    }
  }

  /** The claim, for a {@code pvc://} URI. */
  public Optional<String> pvcClaim() {
    return Optional.ofNullable(claim);
  }

  /** The URI the runtime reads: {@code pvc://claim/p} becomes {@code file:///mnt/models/p}. */
  public String runtimeUri() {
    return claim == null ? raw : "file://" + PVC_MOUNT_PATH + "/" + path;
  }
}
