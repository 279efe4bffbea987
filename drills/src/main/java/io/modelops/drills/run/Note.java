package io.modelops.drills.run;

/** A reason and a message for people. */
public record Note(RunReason reason, String message) {

  /** Reads a reason written in status (unknown text: null). */
  public static RunReason parse(String reason) {
    if (reason == null) {
      return null;
    }
    for (RunReason r : RunReason.values()) {
      if (r.name().equals(reason)) {
        return r;
      }
    }
    return null;
  }
}
