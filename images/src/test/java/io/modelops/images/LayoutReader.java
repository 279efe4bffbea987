package io.modelops.images;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Test helper: walks an OCI image layout as a registry or runtime would (index → manifest → config
 * and layers), checking every descriptor's media type, size and digest on the way.
 */
final class LayoutReader {

  static final ObjectMapper JSON = new ObjectMapper();

  final Path dir;
  final JsonNode index;
  final String manifestDigest;
  final JsonNode manifest;
  final JsonNode config;
  final List<Path> layers = new ArrayList<>();

  LayoutReader(Path dir) throws IOException {
    this.dir = dir;
    assertEquals(
        "1.0.0",
        JSON.readTree(dir.resolve("oci-layout").toFile()).path("imageLayoutVersion").asText());
    index = JSON.readTree(dir.resolve("index.json").toFile());
    assertEquals(2, index.path("schemaVersion").asInt());
    assertEquals(OciLayout.INDEX_MEDIA_TYPE, index.path("mediaType").asText());
    assertEquals(1, index.path("manifests").size(), "one image per layout");
    JsonNode m = index.path("manifests").get(0);
    assertEquals(OciLayout.MANIFEST_MEDIA_TYPE, m.path("mediaType").asText());
    manifestDigest = m.path("digest").asText();
    manifest = JSON.readTree(blob(m));
    assertEquals(2, manifest.path("schemaVersion").asInt());
    assertEquals(OciLayout.MANIFEST_MEDIA_TYPE, manifest.path("mediaType").asText());
    JsonNode c = manifest.path("config");
    assertEquals(OciLayout.CONFIG_MEDIA_TYPE, c.path("mediaType").asText());
    config = JSON.readTree(blob(c));
    for (JsonNode layer : manifest.path("layers")) {
      assertEquals(LayerBlob.MEDIA_TYPE, layer.path("mediaType").asText());
      checkBlob(layer);
      layers.add(path(layer.path("digest").asText()));
    }
    JsonNode diffIds = config.path("rootfs").path("diff_ids");
    assertEquals("layers", config.path("rootfs").path("type").asText());
    assertEquals(layers.size(), diffIds.size(), "one diff_id per layer");
    for (int i = 0; i < layers.size(); i++) {
      assertEquals(
          diffIds.get(i).asText(), uncompressedDigest(layers.get(i)), "diff_id of layer " + i);
    }
  }

  /** Path of the blob named by {@code digest}. */
  Path path(String digest) {
    if (!digest.matches("sha256:[0-9a-f]{64}")) {
      throw new AssertionError("not a sha256 digest: " + digest);
    }
    return dir.resolve("blobs/sha256").resolve(digest.substring(7));
  }

  /** The blob's bytes after checking its size and digest against the descriptor. */
  byte[] blob(JsonNode descriptor) throws IOException {
    checkBlob(descriptor);
    return Files.readAllBytes(path(descriptor.path("digest").asText()));
  }

  private void checkBlob(JsonNode descriptor) throws IOException {
    Path p = path(descriptor.path("digest").asText());
    assertEquals(descriptor.path("size").asLong(), Files.size(p), "size of " + p.getFileName());
    assertEquals(descriptor.path("digest").asText(), digest(p), "digest of " + p.getFileName());
  }

  List<TarReader.Read> entries(int layer) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(layers.get(layer)), 1 << 16)) {
      return TarReader.read(in);
    }
  }

  static String digest(Path file) throws IOException {
    MessageDigest sha = LayerBlob.sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
      in.transferTo(OutputStreamNull.INSTANCE);
    }
    return "sha256:" + HexFormat.of().formatHex(sha.digest());
  }

  static String uncompressedDigest(Path gz) throws IOException {
    MessageDigest sha = LayerBlob.sha256();
    try (InputStream in =
        new DigestInputStream(new GZIPInputStream(Files.newInputStream(gz), 1 << 16), sha)) {
      in.transferTo(OutputStreamNull.INSTANCE);
    }
    return "sha256:" + HexFormat.of().formatHex(sha.digest());
  }

  private static final class OutputStreamNull extends java.io.OutputStream {
    static final OutputStreamNull INSTANCE = new OutputStreamNull();

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {}
  }
}
