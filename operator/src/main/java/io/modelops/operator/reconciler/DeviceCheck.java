package io.modelops.operator.reconciler;

import io.fabric8.kubernetes.api.model.Pod;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.api.v1alpha1.ModelDeploymentStatus;
import io.modelops.operator.model.Labels;
import io.modelops.operator.podmetrics.ServingDevices;
import java.util.List;

/**
 * The serving devices of a GPU ModelDeployment's ready pods as far as known now, and whether some
 * are still being asked (in the background, by {@link ServingDevices}). A CPU ModelDeployment's
 * devices are not looked at. The device does not stall a rollout: it only makes Degraded say that a
 * GPU is held but not used.
 *
 * @param served the devices known, per track
 * @param pending true while a ready pod's device is still being asked
 */
record DeviceCheck(TrackDevices served, boolean pending) {

  static final DeviceCheck NONE = new DeviceCheck(TrackDevices.NONE, false);

  /** Asks {@code devices} about the ready pods of both tracks (canary only when it exists). */
  static DeviceCheck of(
      ModelDeployment md, List<Pod> pods, boolean canaryExists, ServingDevices devices) {
    if (md.getSpec().getRuntime() == null || md.getSpec().getRuntime().getAccelerator() == null) {
      return NONE;
    }
    List<Pod> stableReady = TrackPods.ready(TrackPods.tracked(pods, Labels.TRACK_STABLE));
    List<Pod> canaryReady =
        canaryExists ? TrackPods.ready(TrackPods.tracked(pods, Labels.TRACK_CANARY)) : List.of();
    TrackDevices served = TrackDevices.of(devices.of(stableReady), devices.of(canaryReady));
    return new DeviceCheck(
        served, devices.lookingUp(stableReady) || devices.lookingUp(canaryReady));
  }

  /** Sets status.stable.device and status.canary.device (where the status has the track). */
  void writeTo(ModelDeploymentStatus status) {
    if (status.getStable() != null) {
      status.getStable().setDevice(served.stable());
    }
    if (status.getCanary() != null) {
      status.getCanary().setDevice(served.canary());
    }
  }
}
