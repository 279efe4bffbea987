package io.modelops.operator.event;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last thing announced (an Event, a counted metric) per object. A reconcile can run again on
 * the copy it read before its own status write (the write failed with a conflict and is retried, or
 * the cache has not caught up): it then decides the same transition from the same status, and
 * without this it would announce it twice. One short entry per object; {@link #forget} drops it.
 */
public final class AnnouncementLedger {

  private final Map<String, String> last = new ConcurrentHashMap<>();

  /**
   * True when {@code what} is new for the object {@code uid} (and remembers it); false when it
   * repeats the last thing announced for that object. An object without a uid is always new.
   */
  public boolean first(String uid, String what) {
    return uid == null || !what.equals(last.put(uid, what));
  }

  /** Drops what was remembered for {@code uid} (the object is gone). */
  public void forget(String uid) {
    if (uid != null) {
      last.remove(uid);
    }
  }
}
