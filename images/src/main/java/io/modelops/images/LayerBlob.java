package io.modelops.images;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A layer written as a gzip-compressed tar blob: {@code digest} and {@code size} of the compressed
 * blob (what the manifest names), {@code diffId} of the uncompressed tar (what the config names),
 * and {@code file}, where the blob is.
 */
public record LayerBlob(String digest, long size, String diffId, Path file, String comment) {

  /** Media type of the layers this build writes. */
  public static final String MEDIA_TYPE = "application/vnd.oci.image.layer.v1.tar+gzip";

  /**
   * Writes {@code layer} to a blob under {@code dir} named by its digest. Compression level 1: the
   * blob is larger than at the default level, but the build is several times faster.
   */
  public static LayerBlob write(TarLayer layer, Path dir, String comment) throws IOException {
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "layer", ".tmp");
    MessageDigest compressed = sha256();
    MessageDigest uncompressed = sha256();
    long size;
    try (OutputStream file = Files.newOutputStream(tmp);
        CountingOutputStream counted = new CountingOutputStream(file);
        DigestOutputStream blob = new DigestOutputStream(counted, compressed);
        GZIPOutputStream gzip = new FastGzip(blob);
        DigestOutputStream tar =
            new DigestOutputStream(new BufferedOutputStream(gzip, 1 << 16), uncompressed)) {
      layer.writeTo(tar);
      tar.flush();
      gzip.finish();
      blob.flush();
      size = counted.count;
    }
    String digest = "sha256:" + HexFormat.of().formatHex(compressed.digest());
    Path target = dir.resolve(digest.substring("sha256:".length()));
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    try {
      Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the blob keeps the default permissions
    }
    return new LayerBlob(
        digest, size, "sha256:" + HexFormat.of().formatHex(uncompressed.digest()), target, comment);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static final class FastGzip extends GZIPOutputStream {
    FastGzip(OutputStream out) throws IOException {
      super(out, 1 << 16);
      def.setLevel(Deflater.BEST_SPEED);
    }
  }

  private static final class CountingOutputStream extends FilterOutputStream {
    long count;

    CountingOutputStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }
}
