package io.modelops.operator.podmetrics;

import io.fabric8.kubernetes.api.model.Pod;
import io.modelops.operator.analysis.Sample;
import io.modelops.operator.analysis.Scrape;
import io.modelops.operator.model.PodEndpoints;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The device each runtime pod serves on ({@code cuda} or {@code cpu}), read from the {@code device}
 * label of the runtime's {@code modelops_runtime_model_info} series. The device of a pod never
 * changes once its model is loaded, so each pod is asked once: the answer is kept by pod uid (a
 * bounded cache, oldest out first). A pod that did not answer is asked again on a later reconcile,
 * at most {@link #MAX_ATTEMPTS} times in all. Only the pods nobody knows yet are scraped, in
 * parallel, each with a timeout of {@link #TIMEOUT}, and never on the caller's thread: {@link #of}
 * answers at once with what is known and starts the scrapes in the background; the caller looks
 * again while {@link #lookingUp} says an answer is still to come.
 */
public final class ServingDevices implements AutoCloseable {

  public static final String CUDA = "cuda";
  public static final String CPU = "cpu";

  /** Ready pods of one track serve on different devices. */
  public static final String MIXED = "mixed";

  /** The runtime's model-info series (docs/runtime.md, Metrics). */
  public static final String MODEL_INFO = "modelops_runtime_model_info";

  /** Per-pod timeout (connect and answer): a scrape takes at most twice this. */
  public static final Duration TIMEOUT = Duration.ofSeconds(1);

  /** How often a pod that does not answer is asked before it is given up on. */
  public static final int MAX_ATTEMPTS = 3;

  /** Pods remembered; the oldest entries go first. */
  static final int CACHE_SIZE = 10_000;

  private record Entry(String device, int attempts) {}

  private final PodScraper scraper;
  private final AtomicLong asked = new AtomicLong();
  private final Set<String> inFlight = new HashSet<>();
  private final Map<String, Entry> known =
      new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
          return size() > CACHE_SIZE;
        }
      };

  public ServingDevices(PodScraper scraper) {
    this.scraper = scraper;
  }

  /** Production: each pod's {@code http://<podIP>:<port>/metrics}, 2 threads. */
  public static ServingDevices production() {
    return production(PodEndpoints.DIRECT);
  }

  /** Production, reaching the pods where {@code endpoints} says. */
  public static ServingDevices production(PodEndpoints endpoints) {
    return new ServingDevices(new PodScraper(PodAddressResolver.podIp(endpoints), TIMEOUT, 2));
  }

  /** Asks nothing: every pod's device stays unknown (tests that do not look at devices). */
  public static ServingDevices none() {
    return new ServingDevices(new PodScraper(pod -> Optional.empty(), TIMEOUT, 1));
  }

  /**
   * The device of each of {@code pods} (keyed by pod name, in their order) that is known now. The
   * pods not known yet are asked in the background (without blocking the caller).
   */
  public Map<String, String> of(List<Pod> pods) {
    List<Pod> unknown = new ArrayList<>();
    Map<String, String> devices = new LinkedHashMap<>();
    synchronized (known) {
      for (Pod pod : pods) {
        Entry e = known.get(key(pod));
        if (e != null && e.device() != null) {
          devices.put(pod.getMetadata().getName(), e.device());
        } else if ((e == null || e.attempts() < MAX_ATTEMPTS) && inFlight.add(key(pod))) {
          unknown.add(pod);
        }
      }
    }
    if (!unknown.isEmpty()) {
      asked.addAndGet(unknown.size());
      scraper
          .scrapeAsync(unknown)
          .whenComplete(
              (scrapes, failure) -> record(unknown, scrapes == null ? Map.of() : scrapes));
    }
    return devices;
  }

  /** True while a background scrape of one of {@code pods} has not answered yet. */
  public boolean lookingUp(List<Pod> pods) {
    synchronized (known) {
      return pods.stream().anyMatch(p -> inFlight.contains(key(p)));
    }
  }

  private void record(List<Pod> pods, Map<String, Scrape> scrapes) {
    synchronized (known) {
      for (Pod pod : pods) {
        Scrape scrape = scrapes.get(pod.getMetadata().getUid());
        String device = scrape == null ? null : device(scrape).orElse(null);
        Entry before = known.get(key(pod));
        known.put(key(pod), new Entry(device, before == null ? 1 : before.attempts() + 1));
        inFlight.remove(key(pod));
      }
    }
  }

  /** How many pod scrapes were started in all (tests: a pod is asked once). */
  public long asked() {
    return asked.get();
  }

  /** {@code cuda}, {@code cpu}, {@link #MIXED}, or null when {@code devices} is empty. */
  public static String summary(Iterable<String> devices) {
    String one = null;
    for (String d : devices) {
      if (one == null) {
        one = d;
      } else if (!one.equals(d)) {
        return MIXED;
      }
    }
    return one;
  }

  /** The device label of the model-info series, when the runtime has loaded its model. */
  static Optional<String> device(Scrape scrape) {
    return scrape
        .select(MODEL_INFO, Map.of())
        .map((Sample s) -> s.label("device"))
        .filter(d -> d != null && !d.isBlank())
        .findFirst();
  }

  private static String key(Pod pod) {
    String uid = pod.getMetadata().getUid();
    return uid != null ? uid : pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
  }

  @Override
  public void close() {
    scraper.close();
  }
}
