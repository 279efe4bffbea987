package io.modelops.localcluster.kubelet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a container starts in {@link NetworkMode#SHARED_ADDRESS} mode, without namespaces: the
 * program's port setting moved to its host port, the command line and environment rewritten to the
 * host paths ({@link HostPaths}), the working folder on the host, and the user switched with {@code
 * setpriv} where the kubelet is root (else the process is the kubelet's user; {@code
 * allowPrivilegeEscalation: false} is honoured either way, as {@code no_new_privs} needs no root).
 * Pure.
 */
final class HostLaunch {

  /**
   * What to start.
   *
   * @param command the full command line
   * @param env the environment
   * @param workingDir the working folder on this machine
   */
  record Plan(List<String> command, Map<String, String> env, Path workingDir) {}

  /**
   * The user and privileges the process gets.
   *
   * @param root whether the kubelet is root (it can switch users)
   * @param uid the user asked for
   * @param gid the group asked for
   * @param groups supplementary groups
   * @param noNewPrivileges {@code allowPrivilegeEscalation: false}
   */
  record User(boolean root, long uid, long gid, List<Long> groups, boolean noNewPrivileges) {}

  private HostLaunch() {}

  /**
   * Sets {@code portVariable} in {@code env} to the host port of the container port it names.
   *
   * @throws ContainerConfigException when it names a port the pod does not declare (the kubelet
   *     gave it no host port)
   */
  static void movePort(String portVariable, Map<String, String> env, PodPorts ports)
      throws ContainerConfigException {
    if (portVariable == null || !env.containsKey(portVariable)) {
      return;
    }
    String value = env.get(portVariable).strip();
    int port;
    try {
      port = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new ContainerConfigException(
          portVariable
              + "="
              + value
              + " is not a port number; in shared-address mode the kubelet"
              + " must move it to a host port");
    }
    if (port == 0) {
      return;
    }
    if (!ports.maps(port)) {
      throw new ContainerConfigException(
          "in shared-address mode every port a program listens on needs a host port, and "
              + portVariable
              + "="
              + port
              + " is not a containerPort of the pod: declare it in the container's ports");
    }
    env.put(portVariable, Integer.toString(ports.hostPort(port)));
  }

  /**
   * The plan for {@code command} with {@code env}, run in {@code workingDir} (a container path;
   * {@code fallbackDir} when it is {@code /}, unset or not mapped) as {@code user}.
   */
  static Plan plan(
      HostPaths paths,
      List<String> command,
      Map<String, String> env,
      String workingDir,
      Path fallbackDir,
      User user) {
    List<String> line = new ArrayList<>();
    if (user.root() && (user.uid() != 0 || user.gid() != 0)) {
      line.addAll(
          List.of(
              "/usr/bin/setpriv",
              "--reuid=" + user.uid(),
              "--regid=" + user.gid(),
              RootfsScript.groupsOption(user.groups())));
      if (user.noNewPrivileges()) {
        line.add("--no-new-privs");
      }
      line.add("--");
    } else if (user.noNewPrivileges()) {
      line.addAll(List.of("/usr/bin/setpriv", "--no-new-privs", "--"));
    }
    command.forEach(arg -> line.add(paths.rewrite(arg)));
    Map<String, String> rewritten = new LinkedHashMap<>();
    env.forEach((k, v) -> rewritten.put(k, paths.rewrite(v)));
    Path dir =
        workingDir == null || workingDir.isEmpty() || "/".equals(workingDir)
            ? fallbackDir
            : paths.resolve(workingDir).orElse(fallbackDir);
    return new Plan(line, rewritten, dir);
  }
}
