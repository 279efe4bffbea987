package io.modelops.localcluster.kubelet;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The images this kubelet can "pull": an image repository (any tag or digest) mapped to the local
 * program it stands for. Anything else fails as a real pull of a missing image does ({@code
 * ErrImagePull}, then {@code ImagePullBackOff}).
 */
public final class ImageCatalog {

  private final Map<String, ImageProgram> programs = new LinkedHashMap<>();

  /** Maps {@code repository} (e.g. {@code modelops/inference-runtime}) to {@code program}. */
  public ImageCatalog with(String repository, ImageProgram program) {
    programs.put(repository(repository), program);
    return this;
  }

  /** The program for {@code image}, if it is one of ours. */
  public Optional<ImageProgram> find(String image) {
    return image == null ? Optional.empty() : Optional.ofNullable(programs.get(repository(image)));
  }

  /**
   * The repository part of an image reference: without digest or tag, and without the Docker Hub
   * defaults ({@code docker.io/}, {@code library/}), so {@code docker.io/x/y:1} and {@code x/y}
   * match.
   */
  static String repository(String image) {
    String ref = image;
    int at = ref.indexOf('@');
    if (at >= 0) {
      ref = ref.substring(0, at);
    }
    int slash = ref.lastIndexOf('/');
    int colon = ref.lastIndexOf(':');
    if (colon > slash) {
      ref = ref.substring(0, colon);
    }
    if (ref.startsWith("docker.io/")) {
      ref = ref.substring("docker.io/".length());
    }
    if (ref.startsWith("library/")) {
      ref = ref.substring("library/".length());
    }
    return ref;
  }
}
