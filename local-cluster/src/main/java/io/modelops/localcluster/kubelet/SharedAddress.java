package io.modelops.localcluster.kubelet;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The one address every pod shares in {@link NetworkMode#SHARED_ADDRESS} mode: the one named by the
 * system property {@value #PROPERTY} (or the environment variable {@value #ENV}), else the first
 * non-loopback IPv4 address of an interface that is up. Not loopback, because EndpointSlices refuse
 * loopback addresses.
 */
final class SharedAddress {

  /** The system property naming the shared address. */
  static final String PROPERTY = "localcluster.sharedAddress";

  /** The environment variable naming the shared address (the property wins). */
  static final String ENV = "LOCALCLUSTER_SHARED_ADDRESS";

  /**
   * One interface of this machine.
   *
   * @param name its name
   * @param up whether it is up
   * @param loopback whether it is a loopback interface
   * @param ipv4 its IPv4 addresses, textual
   */
  record Interface(String name, boolean up, boolean loopback, List<String> ipv4) {}

  private SharedAddress() {}

  /** The shared address of this machine, from the settings and its interfaces. */
  static String ofThisMachine() {
    String configured = System.getProperty(PROPERTY);
    if (configured == null || configured.isBlank()) {
      configured = System.getenv(ENV);
    }
    return pick(configured, interfaces());
  }

  /**
   * The address to use: {@code configured} when set (it must be a non-loopback IPv4 address of an
   * up interface in {@code interfaces}), else the first such address.
   *
   * @throws IllegalStateException when there is none, or the configured one is not usable
   */
  static String pick(String configured, List<Interface> interfaces) {
    List<String> usable = new ArrayList<>();
    for (Interface i : interfaces) {
      if (i.up() && !i.loopback()) {
        i.ipv4().stream().filter(a -> !a.startsWith("127.")).forEach(usable::add);
      }
    }
    if (configured != null && !configured.isBlank()) {
      String wanted = configured.strip();
      if (!usable.contains(wanted)) {
        throw new IllegalStateException(
            PROPERTY
                + "="
                + wanted
                + " is not a non-loopback IPv4 address of an interface that is up here"
                + (usable.isEmpty() ? " (there is none)" : " (usable: " + usable + ")"));
      }
      return wanted;
    }
    if (usable.isEmpty()) {
      throw new IllegalStateException(
          "shared-address pod networking needs a non-loopback IPv4 address of an interface that"
              + " is up (EndpointSlices refuse loopback), and this machine has none; bring one up"
              + " or name one with -D"
              + PROPERTY);
    }
    return usable.get(0);
  }

  private static List<Interface> interfaces() {
    List<Interface> found = new ArrayList<>();
    try {
      for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        List<String> ipv4 = new ArrayList<>();
        for (InetAddress a : Collections.list(n.getInetAddresses())) {
          if (a instanceof Inet4Address) {
            ipv4.add(a.getHostAddress());
          }
        }
        found.add(new Interface(n.getName(), n.isUp(), n.isLoopback(), ipv4));
      }
    } catch (SocketException e) {
      throw new IllegalStateException("cannot list this machine's network interfaces", e);
    }
    return found;
  }
}
