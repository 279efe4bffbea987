package io.modelops.localcluster.kubelet;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What an image stands for on this machine, since there is no container runtime: its entrypoint and
 * command as in the image config, the files the image would contain (a container path mapped to a
 * file or folder here, mounted read-only at that path inside the pod's root), its default user and
 * environment.
 *
 * @param entrypoint the image's ENTRYPOINT (replaced by a container's {@code command})
 * @param cmd the image's CMD (replaced by a container's {@code args})
 * @param files container path to a file or folder on this machine
 * @param user the image's USER as uid
 * @param group the image's group as gid
 * @param env the image's ENV, under the container's own env
 * @param workingDir the image's WORKDIR
 * @param jvm whether the program is a JVM (its heap then follows the memory limit, as a JVM in a
 *     container follows its cgroup)
 * @param portVariable the environment variable that sets the port the program listens on (null:
 *     none); in {@link NetworkMode#SHARED_ADDRESS} mode the kubelet sets it to the container port's
 *     host port
 */
public record ImageProgram(
    List<String> entrypoint,
    List<String> cmd,
    Map<String, Path> files,
    long user,
    long group,
    Map<String, String> env,
    String workingDir,
    boolean jvm,
    String portVariable) {

  public ImageProgram {
    entrypoint = List.copyOf(entrypoint);
    cmd = List.copyOf(cmd);
    files = Map.copyOf(files);
    env = Map.copyOf(env);
  }

  /** A program whose port cannot be set (it keeps its own in shared-address mode). */
  public ImageProgram(
      List<String> entrypoint,
      List<String> cmd,
      Map<String, Path> files,
      long user,
      long group,
      Map<String, String> env,
      String workingDir,
      boolean jvm) {
    this(entrypoint, cmd, files, user, group, env, workingDir, jvm, null);
  }
}
