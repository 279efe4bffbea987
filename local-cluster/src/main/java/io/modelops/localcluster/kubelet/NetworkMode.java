package io.modelops.localcluster.kubelet;

import java.util.Locale;

/**
 * How the process kubelet gives pods an address. {@link #NAMESPACES}: each pod its own network
 * namespace and address from the node's pod CIDR, and its own mount namespace and root (needs
 * root). {@link #SHARED_ADDRESS}: every pod shares one address of this machine and each container
 * port gets its own host port; no namespaces (works without root). Chosen at start: {@code
 * namespaces} when root, {@code shared-address} otherwise, unless the system property {@value
 * #PROPERTY} or the environment variable {@value #ENV} names one.
 */
public enum NetworkMode {
  NAMESPACES("namespaces"),
  SHARED_ADDRESS("shared-address");

  /** The system property that forces a mode. */
  public static final String PROPERTY = "localcluster.network";

  /** The environment variable that forces a mode (the system property wins). */
  public static final String ENV = "LOCALCLUSTER_NETWORK";

  private final String setting;

  NetworkMode(String setting) {
    this.setting = setting;
  }

  /** The value that names this mode in {@value #PROPERTY}. */
  public String setting() {
    return setting;
  }

  /** The mode this process runs the kubelet in, from its settings and whether it is root. */
  public static NetworkMode current() {
    String value = System.getProperty(PROPERTY);
    if (value == null || value.isBlank()) {
      value = System.getenv(ENV);
    }
    return choose(value, isRoot());
  }

  /**
   * The mode for {@code setting} ({@code namespaces}, {@code shared-address}, or null, blank or
   * {@code auto} to choose by {@code root}).
   *
   * @throws IllegalArgumentException for another value, or {@code namespaces} without root
   */
  public static NetworkMode choose(String setting, boolean root) {
    String value = setting == null ? "" : setting.strip().toLowerCase(Locale.ROOT);
    if (value.isEmpty() || "auto".equals(value)) {
      return root ? NAMESPACES : SHARED_ADDRESS;
    }
    for (NetworkMode mode : values()) {
      if (mode.setting.equals(value)) {
        if (mode == NAMESPACES && !root) {
          throw new IllegalArgumentException(
              PROPERTY
                  + "="
                  + value
                  + " needs root (network and mount namespaces); this process is not root:"
                  + " use shared-address or leave the setting unset");
        }
        return mode;
      }
    }
    throw new IllegalArgumentException(
        PROPERTY + " must be namespaces, shared-address or auto, not '" + setting + "'");
  }

  /** Whether this process runs as root (uid 0). */
  static boolean isRoot() {
    return "root".equals(System.getProperty("user.name")) || ProcessUser.uid() == 0;
  }
}
