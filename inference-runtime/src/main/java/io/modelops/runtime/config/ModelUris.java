package io.modelops.runtime.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;

/** Classifies {@code MODEL_URI} values: local file or HTTP(S) download. */
public final class ModelUris {
  private ModelUris() {}

  /** True for {@code http://} and {@code https://} URIs. */
  public static boolean isRemote(String uri) {
    String lower = uri.toLowerCase(Locale.ROOT);
    return lower.startsWith("http://") || lower.startsWith("https://");
  }

  /** The local path of a {@code file://} URI or a plain absolute path. */
  public static Path localPath(String uri) {
    if (uri.startsWith("/")) {
      return Path.of(uri);
    }
    try {
      return Path.of(new URI(uri));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new ConfigException(
          "MODEL_URI '" + uri + "' is not a valid file URI: " + e.getMessage());
    }
  }

  /** Rejects URIs the runtime cannot load, naming the accepted forms. */
  public static void validate(String uri) {
    if (isRemote(uri)) {
      try {
        URI parsed = new URI(uri);
        if (parsed.getHost() == null) {
          throw new ConfigException("MODEL_URI '" + uri + "' has no host");
        }
      } catch (URISyntaxException e) {
        throw new ConfigException("MODEL_URI '" + uri + "' is not a valid URL: " + e.getMessage());
      }
      return;
    }
    if (uri.startsWith("/") || uri.toLowerCase(Locale.ROOT).startsWith("file:/")) {
      localPath(uri);
      return;
    }
    throw new ConfigException(
        "MODEL_URI '"
            + uri
            + "' is not supported (use file:///abs/path.onnx, /abs/path.onnx or http(s)://)");
  }
}
