package io.modelops.localcluster;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The {@code modelops.io/local-address} annotations through which the service proxy tells where a
 * Service port or an HTTPRoute listens: {@code modelops.io/local-address} holds the first (or only)
 * address, {@code modelops.io/local-address.<port name>} one per named Service port. They are
 * written with a JSON merge patch that also removes stale ones, and only when something changed (so
 * the proxy's own patch does not make it patch again).
 */
final class LocalAddresses {

  /** The annotation with the first (or only) address. */
  static final String ANNOTATION = "modelops.io/local-address";

  private LocalAddresses() {}

  /** {@code 127.0.0.1:<port>}. */
  static String format(InetSocketAddress address) {
    return address.getAddress().getHostAddress() + ":" + address.getPort();
  }

  /** The annotation for one named port ({@code modelops.io/local-address.<portName>}). */
  static String portAnnotation(String portName) {
    return ANNOTATION + "." + portName;
  }

  /**
   * Sends {@code patch} a JSON merge patch that makes the object's {@code
   * modelops.io/local-address*} annotations equal {@code wanted}, unless they already are.
   */
  static void sync(
      Map<String, String> current, Map<String, String> wanted, Consumer<String> patch) {
    var ours = new TreeMap<String, String>();
    if (current != null) {
      current.forEach(
          (k, v) -> {
            if (k.equals(ANNOTATION) || k.startsWith(ANNOTATION + ".")) {
              ours.put(k, v);
            }
          });
    }
    if (ours.equals(new TreeMap<>(wanted))) {
      return;
    }
    var json = new StringBuilder("{\"metadata\":{\"annotations\":{");
    var changes = new TreeMap<String, String>(wanted);
    ours.keySet().forEach(k -> changes.putIfAbsent(k, null));
    String separator = "";
    for (var e : changes.entrySet()) {
      json.append(separator).append(quote(e.getKey())).append(':');
      json.append(e.getValue() == null ? "null" : quote(e.getValue()));
      separator = ",";
    }
    patch.accept(json.append("}}}").toString());
  }

  private static String quote(String s) {
    // Annotation keys and host:port values hold no character JSON would need escaped.
    Objects.requireNonNull(s);
    if (s.chars().anyMatch(c -> c == '"' || c == '\\' || c < 0x20)) {
      throw new IllegalArgumentException("unexpected character in " + s);
    }
    return '"' + s + '"';
  }
}
