package io.modelops.images;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a container of the image runs: a numeric {@code uid:gid} user (never root), the entrypoint,
 * working folder, exposed TCP ports, environment and labels ({@code org.opencontainers.image.*}).
 */
public record ImageConfig(
    int uid,
    int gid,
    List<String> entrypoint,
    String workingDir,
    List<Integer> ports,
    Map<String, String> env,
    Map<String, String> labels) {

  public ImageConfig {
    if (uid <= 0 || gid <= 0) {
      throw new IllegalArgumentException(
          "images run as a non-root numeric user; got " + uid + ":" + gid);
    }
    if (entrypoint == null || entrypoint.isEmpty() || !entrypoint.get(0).startsWith("/")) {
      throw new IllegalArgumentException(
          "the entrypoint must start with an absolute program path (no shell in the image): "
              + entrypoint);
    }
    if (workingDir == null || !workingDir.startsWith("/")) {
      throw new IllegalArgumentException("the working folder must be absolute: " + workingDir);
    }
    for (int port : ports) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("not a TCP port: " + port);
      }
    }
    for (String key : env.keySet()) {
      if (key.isEmpty() || key.contains("=")) {
        throw new IllegalArgumentException("bad environment variable name: '" + key + "'");
      }
    }
    entrypoint = List.copyOf(entrypoint);
    ports = ports.stream().sorted().toList();
    env = new TreeMap<>(env);
    labels = new TreeMap<>(labels);
  }

  /** The {@code User} field: {@code uid:gid}. */
  public String user() {
    return uid + ":" + gid;
  }
}
