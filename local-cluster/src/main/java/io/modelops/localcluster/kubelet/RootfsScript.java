package io.modelops.localcluster.kubelet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shell script that turns a private mount namespace into a container's view of the world, then
 * execs the program in it: a tmpfs root holding read-only binds of the host's system folders
 * ({@code /usr}, {@code /etc}, ...), a fresh {@code /proc}, a minimal {@code /dev}, the image's
 * files and the pod's volumes at their mount paths, the pod's {@code /etc/hosts}, the termination
 * message file, the root made read-only when the security context asks, then {@code chroot} and
 * {@code setpriv} to the container's user with no new privileges. Pure: it only builds text.
 */
final class RootfsScript {

  private static final List<String> SYSTEM_DIRS =
      List.of("usr", "bin", "sbin", "lib", "lib32", "lib64", "libx32");
  private static final List<String> DEVICES =
      List.of("null", "zero", "full", "random", "urandom", "tty");

  /**
   * One bind mount into the container's root.
   *
   * @param source file or folder on this machine
   * @param target absolute path inside the container
   * @param readOnly mount it read-only
   */
  record Mount(Path source, String target, boolean readOnly) {}

  /**
   * What the container runs and how.
   *
   * @param root the folder the root tmpfs is mounted on
   * @param hostname the pod's hostname
   * @param hosts the pod's hosts file
   * @param mounts image files, then volumes, in mount order
   * @param terminationLog the file behind the termination message path
   * @param terminationMessagePath where the container writes its termination message
   * @param readOnlyRoot whether the root file system is read-only
   * @param uid the user to run as
   * @param gid the group to run as
   * @param groups supplementary groups: the pod's {@code fsGroup} and {@code supplementalGroups}
   * @param noNewPrivileges {@code allowPrivilegeEscalation: false}
   * @param workingDir the working folder inside the container
   * @param command the resolved command line
   */
  record Spec(
      Path root,
      String hostname,
      Path hosts,
      List<Mount> mounts,
      Path terminationLog,
      String terminationMessagePath,
      boolean readOnlyRoot,
      long uid,
      long gid,
      List<Long> groups,
      boolean noNewPrivileges,
      String workingDir,
      List<String> command) {}

  private RootfsScript() {}

  /** The script for {@code spec}. */
  static String build(Spec spec) {
    List<String> lines = new ArrayList<>();
    lines.add("set -eu");
    lines.add("R=" + quote(spec.root().toString()));
    lines.add("mkdir -p \"$R\"");
    lines.add("mount -t tmpfs -o mode=755 modelops-root \"$R\"");
    for (String dir : SYSTEM_DIRS) {
      lines.add(
          "if [ -L /"
              + dir
              + " ]; then ln -s \"$(readlink /"
              + dir
              + ")\" \"$R/"
              + dir
              + "\"; elif [ -d /"
              + dir
              + " ]; then mkdir \"$R/"
              + dir
              + "\"; mount --rbind /"
              + dir
              + " \"$R/"
              + dir
              + "\"; mount -o remount,bind,ro \"$R/"
              + dir
              + "\"; fi");
    }
    // /etc entry by entry on a tmpfs, so mount points can be made under /etc without touching
    // the host's, and /etc/hosts is the pod's own.
    lines.add("mkdir \"$R/etc\"");
    lines.add(
        "for e in /etc/* /etc/.[!.]*; do [ -e \"$e\" ] || [ -L \"$e\" ] || continue;"
            + " n=\"$R/etc/${e#/etc/}\";"
            + " if [ \"$e\" = /etc/hosts ]; then touch \"$n\";"
            + " elif [ -L \"$e\" ]; then ln -s \"$(readlink \"$e\")\" \"$n\";"
            + " elif [ -d \"$e\" ]; then mkdir \"$n\"; mount --rbind \"$e\" \"$n\";"
            + " mount -o remount,bind,ro \"$n\";"
            + " else touch \"$n\"; mount --bind \"$e\" \"$n\"; mount -o remount,bind,ro \"$n\"; fi;"
            + " done");
    lines.add("mkdir -p \"$R/proc\" \"$R/sys\" \"$R/dev\" \"$R/tmp\" \"$R/run\"");
    lines.add("chmod 1777 \"$R/tmp\"");
    lines.add("mount -t proc proc \"$R/proc\"");
    lines.add("mount --rbind /sys \"$R/sys\"");
    lines.add("mount -o remount,bind,ro \"$R/sys\"");
    lines.add("mount -t tmpfs -o mode=755 modelops-dev \"$R/dev\"");
    for (String device : DEVICES) {
      lines.add(
          "if [ -e /dev/"
              + device
              + " ]; then touch \"$R/dev/"
              + device
              + "\"; mount --bind /dev/"
              + device
              + " \"$R/dev/"
              + device
              + "\"; fi");
    }
    lines.add("mkdir \"$R/dev/shm\" && mount -t tmpfs -o mode=1777 shm \"$R/dev/shm\"");
    lines.add("ln -s /proc/self/fd \"$R/dev/fd\"");
    lines.add("mount --bind " + quote(spec.hosts().toString()) + " \"$R/etc/hosts\"");
    lines.add("hostname " + quote(spec.hostname()));
    for (Mount mount : spec.mounts()) {
      String target = "\"$R\"" + quote(mount.target());
      String source = quote(mount.source().toString());
      lines.add(
          "if [ -d "
              + source
              + " ]; then mkdir -p "
              + target
              + "; else mkdir -p \"$(dirname "
              + target
              + ")\"; touch "
              + target
              + "; fi");
      lines.add("mount --bind " + source + " " + target);
      if (mount.readOnly()) {
        lines.add("mount -o remount,bind,ro " + target);
      }
    }
    String messagePath = "\"$R\"" + quote(spec.terminationMessagePath());
    lines.add("mkdir -p \"$(dirname " + messagePath + ")\"; touch " + messagePath);
    lines.add("mount --bind " + quote(spec.terminationLog().toString()) + " " + messagePath);
    if (spec.readOnlyRoot()) {
      lines.add("mount -o remount,ro modelops-root \"$R\"");
    }
    lines.add("unset PWD OLDPWD");
    List<String> exec = new ArrayList<>(List.of("exec", "chroot", "\"$R\""));
    if (spec.uid() != 0 || spec.gid() != 0) {
      exec.addAll(
          List.of(
              "/usr/bin/setpriv",
              "--reuid=" + spec.uid(),
              "--regid=" + spec.gid(),
              groupsOption(spec.groups())));
      if (spec.noNewPrivileges()) {
        exec.add("--no-new-privs");
      }
      exec.add("--");
    }
    exec.add("/usr/bin/env");
    exec.add("--chdir=" + quote(spec.workingDir() == null ? "/" : spec.workingDir()));
    exec.add("--");
    spec.command().forEach(arg -> exec.add(quote(arg)));
    lines.add(String.join(" ", exec));
    return String.join("\n", lines) + "\n";
  }

  /** {@code setpriv}'s option for the supplementary groups: none, or exactly these. */
  static String groupsOption(List<Long> groups) {
    return groups.isEmpty()
        ? "--clear-groups"
        : "--groups=" + String.join(",", groups.stream().distinct().map(String::valueOf).toList());
  }

  /** Single-quotes {@code value} for sh. */
  static String quote(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }
}
