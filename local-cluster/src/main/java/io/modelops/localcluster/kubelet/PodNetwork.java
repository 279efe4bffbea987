package io.modelops.localcluster.kubelet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pod networking for one node: a /24 of 10.244.0.0/16 claimed for this process, and per pod a
 * network namespace {@code modelops-<subnet>-<hash>} with a veth pair whose pod end is {@code eth0}
 * with the pod's address, and a host route to it. The node's gateway address ({@code
 * 10.244.<subnet>.1}) sits on the host's loopback interface, labelled {@value #LABEL} (this kernel
 * may lack the dummy link type; ARP on the veth answers for any local address); pods route
 * everything through it, so a pod reaches the host's listeners (the API server) and, with IPv4
 * forwarding on, other pods. Needs root and iproute2.
 *
 * <p>Several processes on one machine claim different subnets through a folder per subnet under
 * {@code /run/modelops-local-cluster}; a claim whose process is gone is cleaned up and reused.
 */
public final class PodNetwork implements PodAddressing {

  /** The label of the gateway addresses on {@code lo}, so a leftover is recognisable. */
  public static final String LABEL = "lo:modelops";

  private static final String HOST_INTERFACE = "lo";

  private static final Logger LOG = LoggerFactory.getLogger(PodNetwork.class);
  private static final Path CLAIMS = Path.of("/run/modelops-local-cluster/subnets");

  private final int subnet;
  private final Path claim;
  private final BitSet used = new BitSet(256);
  private final Map<String, Sandbox> sandboxes = new ConcurrentHashMap<>();

  /**
   * One pod's network.
   *
   * @param netns the network namespace's name ({@code ip netns exec <netns> ...})
   * @param hostInterface the host end of the veth pair (setting it down partitions the pod)
   * @param ip the pod's address
   */
  public record Sandbox(String netns, String hostInterface, String ip) {}

  private PodNetwork(int subnet, Path claim) {
    this.subnet = subnet;
    this.claim = claim;
    used.set(0, 2);
    used.set(255);
  }

  /** Why pod networking cannot work here, or null when it can (root, iproute2). */
  public static String unsupportedReason() {
    if (!"root".equals(System.getProperty("user.name"))) {
      return "network namespaces need root (running as " + System.getProperty("user.name") + ")";
    }
    var probe = Commands.attempt("ip", "netns", "list");
    if (probe.exitCode() != 0) {
      return "iproute2 'ip netns' does not work here: " + probe.output().strip();
    }
    return null;
  }

  /** Claims a free subnet and sets up its gateway. */
  public static PodNetwork claim() {
    String reason = unsupportedReason();
    if (reason != null) {
      throw new IllegalStateException("pod networking unavailable: " + reason);
    }
    try {
      Files.createDirectories(CLAIMS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ensureHostInterface();
    for (int subnet = 1; subnet < 250; subnet++) {
      Path claim = CLAIMS.resolve(Integer.toString(subnet));
      if (tryClaim(claim) || reclaimIfStale(subnet, claim)) {
        var network = new PodNetwork(subnet, claim);
        Commands.attempt("ip", "addr", "del", network.gateway() + "/32", "dev", HOST_INTERFACE);
        Commands.run(
            "ip", "addr", "add", network.gateway() + "/32", "dev", HOST_INTERFACE, "label", LABEL);
        // Addresses of pods that are gone fail at once ("no route to host") instead of leaving
        // through the default route.
        Commands.attempt("ip", "route", "replace", "unreachable", network.podCidr());
        return network;
      }
    }
    throw new IllegalStateException("no free pod subnet in 10.244.0.0/16");
  }

  private static void ensureHostInterface() {
    // Pod-to-pod traffic goes through the host.
    Commands.attempt("sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
  }

  private static boolean tryClaim(Path claim) {
    try {
      Files.createDirectory(claim);
      Files.writeString(claim.resolve("pid"), Long.toString(ProcessHandle.current().pid()));
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean reclaimIfStale(int subnet, Path claim) {
    try {
      long pid = Long.parseLong(Files.readString(claim.resolve("pid")).strip());
      if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
        return false;
      }
      LOG.info("reclaiming pod subnet 10.244.{}.0/24 of process {}, which is gone", subnet, pid);
      removeNamespaces(subnet);
      Files.writeString(claim.resolve("pid"), Long.toString(ProcessHandle.current().pid()));
      return true;
    } catch (IOException | NumberFormatException e) {
      return false;
    }
  }

  private static void removeNamespaces(int subnet) {
    String prefix = "modelops-" + subnet + "-";
    for (String line : Commands.attempt("ip", "netns", "list").output().split("\n")) {
      String name = line.strip().split(" ")[0];
      if (name.startsWith(prefix)) {
        // Processes left in it belonged to a kubelet that is gone: they are orphans.
        for (String pid : Commands.attempt("ip", "netns", "pids", name).output().split("\\s+")) {
          if (pid.matches("[0-9]+")) {
            ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
          }
        }
        Commands.attempt("ip", "netns", "del", name);
      }
    }
  }

  /** The node's gateway (and InternalIP): {@code 10.244.<subnet>.1}. */
  public String gateway() {
    return "10.244." + subnet + ".1";
  }

  /** The node's pod CIDR. */
  public String podCidr() {
    return "10.244." + subnet + ".0/24";
  }

  @Override
  public NetworkMode mode() {
    return NetworkMode.NAMESPACES;
  }

  @Override
  public String nodeAddress() {
    return gateway();
  }

  @Override
  public String describe() {
    return "pod CIDR " + podCidr() + ", gateway " + gateway();
  }

  @Override
  public PodAddress create(String podUid, java.util.Set<Integer> containerPorts) {
    Sandbox sandbox = create(podUid);
    // Its own address: each container port is its own port.
    return new PodAddress(sandbox.ip(), sandbox.netns(), PodPorts.NONE);
  }

  /** Creates the network namespace of the pod with uid {@code podUid}. */
  public synchronized Sandbox create(String podUid) {
    Sandbox existing = sandboxes.get(podUid);
    if (existing != null) {
      return existing;
    }
    int host = used.nextClearBit(2);
    if (host > 254) {
      throw new IllegalStateException("pod subnet " + podCidr() + " is full");
    }
    used.set(host);
    String hash = hash(podUid);
    String netns = "modelops-" + subnet + "-" + hash;
    String prefix = String.format("m%02x%s", subnet, hash);
    String hostEnd = prefix + "h";
    String podEnd = prefix + "p";
    String ip = "10.244." + subnet + "." + host;
    try {
      Commands.run("ip", "netns", "add", netns);
      Commands.run("ip", "link", "add", hostEnd, "type", "veth", "peer", "name", podEnd);
      Commands.run("ip", "link", "set", podEnd, "netns", netns);
      Commands.run("ip", "-n", netns, "link", "set", podEnd, "name", "eth0");
      Commands.run("ip", "-n", netns, "addr", "add", ip + "/32", "dev", "eth0");
      Commands.run("ip", "-n", netns, "link", "set", "lo", "up");
      Commands.run("ip", "-n", netns, "link", "set", "eth0", "up");
      Commands.run("ip", "-n", netns, "route", "add", gateway(), "dev", "eth0");
      Commands.run("ip", "-n", netns, "route", "add", "default", "via", gateway(), "dev", "eth0");
      Commands.run("ip", "link", "set", hostEnd, "up");
      Commands.run("ip", "route", "add", ip + "/32", "dev", hostEnd);
    } catch (RuntimeException e) {
      Commands.attempt("ip", "netns", "del", netns);
      Commands.attempt("ip", "link", "del", hostEnd);
      used.clear(host);
      throw e;
    }
    var sandbox = new Sandbox(netns, hostEnd, ip);
    sandboxes.put(podUid, sandbox);
    return sandbox;
  }

  /** Removes the pod's namespace (its veth pair and route go with it) and frees its address. */
  @Override
  public synchronized void delete(String podUid) {
    Sandbox sandbox = sandboxes.remove(podUid);
    if (sandbox == null) {
      return;
    }
    Commands.attempt("ip", "netns", "del", sandbox.netns());
    Commands.attempt("ip", "link", "del", sandbox.hostInterface());
    used.clear(Integer.parseInt(sandbox.ip().substring(sandbox.ip().lastIndexOf('.') + 1)));
  }

  /** The pod's sandbox, if it has one. */
  @Override
  public Sandbox sandbox(String podUid) {
    return sandboxes.get(podUid);
  }

  /** Removes every pod namespace of this subnet, the gateway address and the claim. */
  @Override
  public synchronized void close() {
    sandboxes.keySet().forEach(this::delete);
    removeNamespaces(subnet);
    Commands.attempt("ip", "addr", "del", gateway() + "/32", "dev", HOST_INTERFACE);
    Commands.attempt("ip", "route", "del", "unreachable", podCidr());
    try {
      Files.deleteIfExists(claim.resolve("pid"));
      Files.deleteIfExists(claim);
    } catch (IOException e) {
      LOG.debug("claim {} left behind: {}", claim, e.getMessage());
    }
  }

  private static String hash(String podUid) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(podUid.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
