package io.modelops.runtime.model;

import io.modelops.runtime.Log;
import io.modelops.runtime.config.ModelUris;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/** Resolves a model URI to a local file and verifies its SHA-256 before anything loads it. */
public final class ModelFetcher {
  private static final int ATTEMPTS = 3;
  private final Path cacheDir;

  public ModelFetcher(Path cacheDir) {
    this.cacheDir = cacheDir;
  }

  /** A verified local model file and its digest. */
  public record Fetched(Path path, String sha256) {}

  /**
   * Returns the local model file, downloading remote URIs to the cache directory first.
   *
   * @param expectedSha256 lowercase hex, or null to skip the check (the digest is still computed)
   */
  public Fetched fetch(String uri, String expectedSha256, String fileStem)
      throws ModelLoadException {
    Path path;
    if (ModelUris.isRemote(uri)) {
      path = download(uri, fileStem);
    } else {
      path = ModelUris.localPath(uri);
      if (!Files.isRegularFile(path)) {
        throw new ModelLoadException("not_found", "model file " + path + " does not exist");
      }
    }
    String actual = sha256(path);
    if (expectedSha256 != null && !expectedSha256.equals(actual)) {
      throw new ModelLoadException(
          "sha256_mismatch",
          "sha256 mismatch for " + path + ": expected " + expectedSha256 + ", got " + actual);
    }
    return new Fetched(path, actual);
  }

  private Path download(String uri, String fileStem) throws ModelLoadException {
    Path target = cacheDir.resolve(fileStem + ".onnx");
    Path partial = cacheDir.resolve(fileStem + ".onnx.part");
    HttpClient client =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    IOException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        Files.createDirectories(cacheDir);
        HttpRequest request =
            HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofMinutes(10)).GET().build();
        HttpResponse<InputStream> response =
            client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
          if (response.statusCode() != 200) {
            throw new ModelLoadException(
                "download_failed",
                "downloading the model failed: HTTP "
                    + response.statusCode()
                    + " from "
                    + safe(uri));
          }
          try (OutputStream out = Files.newOutputStream(partial)) {
            in.transferTo(out);
          }
        }
        Files.move(
            partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Log.info(
            "model",
            "downloaded " + safe(uri) + " to " + target + " (" + Files.size(target) + " bytes)");
        return target;
      } catch (IOException e) {
        last = e;
        Log.warn("model", "download attempt " + attempt + " of " + safe(uri) + " failed: " + e);
        sleep(attempt * 500L);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ModelLoadException("download_failed", "download interrupted", e);
      }
    }
    throw new ModelLoadException(
        "download_failed", "downloading the model from " + safe(uri) + " failed: " + last, last);
  }

  /** The URI without user info or query (which may carry credentials), for logs. */
  static String safe(String uri) {
    try {
      URI u = URI.create(uri);
      return u.getScheme()
          + "://"
          + u.getHost()
          + (u.getPort() > 0 ? ":" + u.getPort() : "")
          + u.getPath();
    } catch (IllegalArgumentException e) {
      return "<invalid uri>";
    }
  }

  /** Lowercase hex SHA-256 of a file. */
  public static String sha256(Path path) throws ModelLoadException {
    try (InputStream in = Files.newInputStream(path)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) > 0) {
        digest.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchFileException e) {
      throw new ModelLoadException("not_found", "model file " + path + " does not exist", e);
    } catch (IOException e) {
      throw new ModelLoadException("load_failed", "reading " + path + " failed: " + e, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
