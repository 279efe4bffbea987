package io.modelops.localcluster.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * One container of a pod through its life, as the kubelet runs it: start (or fail to, with the
 * kubelet's waiting reasons), probes, exit, restart with the kubelet's back-off (immediately after
 * the first exit, then 10 s doubling to 5 minutes, reset after 10 minutes of running), and its
 * {@link ContainerStatus}. Called from one pod worker thread only.
 */
final class ContainerRunner {

  static final Duration BACKOFF_START = Duration.ofSeconds(10);
  static final Duration BACKOFF_MAX = Duration.ofMinutes(5);
  static final Duration BACKOFF_RESET = Duration.ofMinutes(10);

  private final Container spec;
  private final PodContext pod;
  private ContainerProcess process;
  private Instant startedAt;
  private ContainerState state;
  private ContainerState lastState;
  private int restartCount;
  private boolean started;
  private boolean ready;
  private Duration backoff = Duration.ZERO;
  private Instant nextStart = Instant.EPOCH;
  private ProbeTracker startup;
  private ProbeTracker liveness;
  private ProbeTracker readiness;
  private long uid;
  private long gid;

  ContainerRunner(Container spec, PodContext pod) {
    this.spec = spec;
    this.pod = pod;
    this.state = waiting("ContainerCreating", null);
  }

  String name() {
    return spec.getName();
  }

  boolean ready() {
    return ready;
  }

  boolean running() {
    return process != null && process.alive();
  }

  /** Whether the container has been started at least once. */
  boolean everStarted() {
    return restartCount > 0 || startedAt != null;
  }

  ContainerProcess process() {
    return process;
  }

  /** Advances the container's life at {@code now}. */
  void tick(Instant now) {
    if (process == null) {
      if (!now.isBefore(nextStart)) {
        start(now);
      }
      return;
    }
    if (!process.alive()) {
      exited(now, null);
      return;
    }
    probe(now);
  }

  private void start(Instant now) {
    var program = pod.catalog().find(spec.getImage());
    if (program.isEmpty()) {
      boolean firstTry =
          !"ErrImagePull".equals(reason(state)) && !"ImagePullBackOff".equals(reason(state));
      state =
          firstTry
              ? waiting(
                  "ErrImagePull",
                  "failed to pull and unpack image \""
                      + spec.getImage()
                      + "\": not found (the process kubelet runs only the images in its catalog)")
              : waiting("ImagePullBackOff", "Back-off pulling image \"" + spec.getImage() + "\"");
      nextStart = now.plus(firstTry ? Duration.ofSeconds(1) : Duration.ofSeconds(10));
      return;
    }
    try {
      var launch = pod.launch(spec, program.get(), restartCount);
      uid = launch.uid();
      gid = launch.gid();
      process = launch.process();
      startedAt = now;
      state =
          new ContainerStateBuilder()
              .withNewRunning()
              .withStartedAt(time(now))
              .endRunning()
              .build();
      started = spec.getStartupProbe() == null;
      ready = false;
      startup =
          spec.getStartupProbe() == null ? null : new ProbeTracker(spec.getStartupProbe(), now);
      liveness =
          spec.getLivenessProbe() == null ? null : new ProbeTracker(spec.getLivenessProbe(), now);
      readiness =
          spec.getReadinessProbe() == null ? null : new ProbeTracker(spec.getReadinessProbe(), now);
    } catch (ContainerConfigException e) {
      state = waiting("CreateContainerConfigError", e.getMessage());
      nextStart = now.plusSeconds(5);
    } catch (RuntimeException e) {
      state = waiting("CreateContainerError", e.getMessage());
      nextStart = now.plusSeconds(10);
    }
  }

  private void probe(Instant now) {
    if (!started) {
      var result = startup.tick(now, () -> attempt(spec.getStartupProbe()));
      if (result == ProbeTracker.Result.FAILURE) {
        kill(now, "startup probe failed");
        return;
      }
      started = result == ProbeTracker.Result.SUCCESS;
      if (!started) {
        return;
      }
      // Liveness and readiness start counting once the startup probe succeeded.
      liveness =
          spec.getLivenessProbe() == null ? null : new ProbeTracker(spec.getLivenessProbe(), now);
      readiness =
          spec.getReadinessProbe() == null ? null : new ProbeTracker(spec.getReadinessProbe(), now);
    }
    if (liveness != null
        && liveness.tick(now, () -> attempt(spec.getLivenessProbe()))
            == ProbeTracker.Result.FAILURE) {
      kill(now, "liveness probe failed");
      return;
    }
    ready =
        readiness == null
            || readiness.tick(now, () -> attempt(spec.getReadinessProbe()))
                == ProbeTracker.Result.SUCCESS;
  }

  private boolean attempt(io.fabric8.kubernetes.api.model.Probe probe) {
    return pod.prober().attempt(probe, pod.podIp(), pod.ports(), spec, process, uid, gid);
  }

  private void kill(Instant now, String why) {
    process.stop(pod.gracePeriod());
    exited(now, why);
  }

  private void exited(Instant now, String killedBecause) {
    int code = process.exitCode();
    String message = terminationMessage(code);
    String reason = code == 0 ? "Completed" : "Error";
    if (killedBecause != null && message == null) {
      message = "Container " + spec.getName() + " " + killedBecause + ", will be restarted";
    }
    lastState =
        new ContainerStateBuilder()
            .withNewTerminated()
            .withExitCode(code)
            .withReason(reason)
            .withMessage(message)
            .withStartedAt(time(startedAt))
            .withFinishedAt(time(now))
            .withContainerID(containerId())
            .endTerminated()
            .build();
    process = null;
    ready = false;
    started = false;
    restartCount++;
    String policy = pod.restartPolicy();
    if ("Never".equals(policy) || ("OnFailure".equals(policy) && code == 0)) {
      state = lastState;
      nextStart = Instant.MAX;
      return;
    }
    boolean ranLong = Duration.between(startedAt, now).compareTo(BACKOFF_RESET) >= 0;
    Duration delay = ranLong ? Duration.ZERO : backoff;
    backoff =
        ranLong || backoff.isZero()
            ? BACKOFF_START
            : (backoff.multipliedBy(2).compareTo(BACKOFF_MAX) > 0
                ? BACKOFF_MAX
                : backoff.multipliedBy(2));
    nextStart = now.plus(delay);
    state =
        delay.isZero()
            ? waiting("ContainerCreating", null)
            : waiting(
                "CrashLoopBackOff",
                "back-off "
                    + delay.toSeconds()
                    + "s restarting failed container="
                    + spec.getName()
                    + " pod="
                    + pod.describe());
  }

  /**
   * The termination message: the file at {@code terminationMessagePath}, else (policy {@code
   * FallbackToLogsOnError} and a failure) the end of the log, as the kubelet does.
   */
  private String terminationMessage(int code) {
    try {
      Path file = pod.terminationLog(spec.getName());
      String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
      Files.writeString(file, "");
      if (!text.isBlank()) {
        return text.length() > 4096 ? text.substring(0, 4096) : text;
      }
      if (code != 0 && "FallbackToLogsOnError".equals(spec.getTerminationMessagePolicy())) {
        List<String> lines = Files.readAllLines(process.log(), StandardCharsets.UTF_8);
        String tail =
            String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
        return tail.length() > 2048 ? tail.substring(tail.length() - 2048) : tail;
      }
    } catch (IOException e) {
      return null;
    }
    return null;
  }

  /** Stops the running process: SIGTERM, then SIGKILL after {@code grace}. */
  void stop(Duration grace) {
    if (process != null) {
      process.stop(grace);
    }
  }

  /** The status the API shows for this container. */
  ContainerStatus status() {
    return new ContainerStatusBuilder()
        .withName(spec.getName())
        .withImage(spec.getImage())
        .withImageID(pod.catalog().find(spec.getImage()).isPresent() ? spec.getImage() : "")
        .withContainerID(process == null ? null : containerId())
        .withReady(ready)
        .withStarted(process != null && started)
        .withRestartCount(restartCount)
        .withState(state)
        .withLastState(lastState == null ? new ContainerState() : lastState)
        .build();
  }

  private String containerId() {
    return process == null ? null : "process://" + process.pid();
  }

  private static ContainerState waiting(String reason, String message) {
    return new ContainerStateBuilder()
        .withNewWaiting()
        .withReason(reason)
        .withMessage(message)
        .endWaiting()
        .build();
  }

  private static String reason(ContainerState state) {
    return state.getWaiting() == null ? null : state.getWaiting().getReason();
  }

  static String time(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
