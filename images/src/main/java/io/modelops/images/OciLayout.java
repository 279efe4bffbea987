package io.modelops.images;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes one image as an OCI image layout folder ({@code oci-layout}, {@code index.json}, {@code
 * blobs/sha256/...}): index → manifest → config and layers. The config's {@code created} time and
 * the layers' entry times are fixed, so the same inputs give the same manifest digest.
 */
public final class OciLayout {

  public static final String INDEX_MEDIA_TYPE = "application/vnd.oci.image.index.v1+json";
  public static final String MANIFEST_MEDIA_TYPE = "application/vnd.oci.image.manifest.v1+json";
  public static final String CONFIG_MEDIA_TYPE = "application/vnd.oci.image.config.v1+json";
  public static final String REF_NAME = "org.opencontainers.image.ref.name";
  public static final String CONTAINERD_NAME = "io.containerd.image.name";

  /** The {@code created} time in every config: the epoch, like the layers' entry times. */
  public static final String CREATED = "1970-01-01T00:00:00Z";

  private static final ObjectMapper JSON = new ObjectMapper();

  private OciLayout() {}

  /**
   * Writes the image to {@code dir} (emptied first) and returns the manifest digest. {@code tag} is
   * the index's {@code org.opencontainers.image.ref.name}; {@code repository:tag} its {@code
   * io.containerd.image.name}.
   */
  public static String write(
      Path dir, String repository, String tag, ImageConfig config, List<LayerBlob> layers)
      throws IOException {
    if (tag == null || !tag.matches("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}")) {
      throw new IllegalArgumentException("not a valid image tag: " + tag);
    }
    deleteTree(dir);
    Path blobs = dir.resolve("blobs/sha256");
    Files.createDirectories(blobs);
    List<Map<String, Object>> layerDescriptors = new ArrayList<>();
    List<String> diffIds = new ArrayList<>();
    List<Map<String, Object>> history = new ArrayList<>();
    for (LayerBlob layer : layers) {
      Path target = blobs.resolve(hex(layer.digest()));
      if (!Files.exists(target)) {
        try {
          Files.createLink(target, layer.file());
        } catch (IOException | UnsupportedOperationException e) {
          Files.copy(layer.file(), target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      layerDescriptors.add(descriptor(LayerBlob.MEDIA_TYPE, layer.digest(), layer.size()));
      diffIds.add(layer.diffId());
      Map<String, Object> step = new LinkedHashMap<>();
      step.put("created", CREATED);
      step.put("created_by", "modelops images build");
      step.put("comment", layer.comment());
      history.add(step);
    }

    Map<String, Object> runConfig = new LinkedHashMap<>();
    runConfig.put("User", config.user());
    Map<String, Object> ports = new LinkedHashMap<>();
    config.ports().forEach(p -> ports.put(p + "/tcp", Map.of()));
    runConfig.put("ExposedPorts", ports);
    runConfig.put(
        "Env", config.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    runConfig.put("Entrypoint", config.entrypoint());
    runConfig.put("WorkingDir", config.workingDir());
    runConfig.put("Labels", config.labels());

    Map<String, Object> imageConfig = new LinkedHashMap<>();
    imageConfig.put("created", CREATED);
    imageConfig.put("architecture", "amd64");
    imageConfig.put("os", "linux");
    imageConfig.put("config", runConfig);
    Map<String, Object> rootfs = new LinkedHashMap<>();
    rootfs.put("type", "layers");
    rootfs.put("diff_ids", diffIds);
    imageConfig.put("rootfs", rootfs);
    imageConfig.put("history", history);
    Map<String, Object> configDescriptor = writeJson(blobs, CONFIG_MEDIA_TYPE, imageConfig);

    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", MANIFEST_MEDIA_TYPE);
    manifest.put("config", configDescriptor);
    manifest.put("layers", layerDescriptors);
    manifest.put("annotations", config.labels());
    Map<String, Object> manifestDescriptor = writeJson(blobs, MANIFEST_MEDIA_TYPE, manifest);
    Map<String, String> names = new LinkedHashMap<>();
    // containerd's import (kind load image-archive, ctr images import) names the image from this
    names.put(CONTAINERD_NAME, "docker.io/" + repository + ":" + tag);
    names.put(REF_NAME, tag);
    manifestDescriptor.put("annotations", names);

    Map<String, Object> index = new LinkedHashMap<>();
    index.put("schemaVersion", 2);
    index.put("mediaType", INDEX_MEDIA_TYPE);
    index.put("manifests", List.of(manifestDescriptor));
    Files.write(dir.resolve("index.json"), JSON.writeValueAsBytes(index));
    Files.writeString(
        dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}", StandardCharsets.UTF_8);
    return (String) manifestDescriptor.get("digest");
  }

  private static Map<String, Object> writeJson(Path blobs, String mediaType, Object value)
      throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(value);
    String digest = "sha256:" + HexFormat.of().formatHex(LayerBlob.sha256().digest(bytes));
    Files.write(blobs.resolve(hex(digest)), bytes);
    return descriptor(mediaType, digest, bytes.length);
  }

  private static Map<String, Object> descriptor(String mediaType, String digest, long size) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("mediaType", mediaType);
    d.put("digest", digest);
    d.put("size", size);
    return d;
  }

  private static String hex(String digest) {
    return digest.substring(digest.indexOf(':') + 1);
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.delete(p);
      }
    }
  }
}
