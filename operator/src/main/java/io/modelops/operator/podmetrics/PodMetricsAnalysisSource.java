package io.modelops.operator.podmetrics;

import io.fabric8.kubernetes.api.model.Pod;
import io.modelops.operator.analysis.Check;
import io.modelops.operator.analysis.CheckEvaluator;
import io.modelops.operator.analysis.Checks;
import io.modelops.operator.analysis.Scrape;
import io.modelops.operator.analysis.ScrapeInterval;
import io.modelops.operator.analysis.TrackWindow;
import io.modelops.operator.model.Labels;
import io.modelops.operator.model.PodEndpoints;
import io.modelops.operator.model.PodStates;
import io.modelops.operator.podmetrics.Baselines.Baseline;
import io.modelops.operator.release.AnalysisRequest;
import io.modelops.operator.release.AnalysisSource;
import io.modelops.operator.release.AnalysisVerdict;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Analysis source {@code PodMetrics}: scrapes the {@code /metrics} of every ready canary and stable
 * pod and judges the interval with {@link CheckEvaluator}.
 *
 * <p>An interval is the time between two scrapes of the same pods. While an interval runs, every
 * ready pod without a scrape taken since the interval's start is scraped once (its baseline); when
 * the interval is {@linkplain AnalysisRequest#due() due}, every ready pod is scraped again, each
 * pod's counters are differenced against its baseline ({@link ScrapeInterval}), and these end
 * scrapes become the next interval's baselines. Pods that became ready during the interval have no
 * baseline and count from the next interval on.
 *
 * <p>No scrape runs on the caller's (the reconcile's) thread: {@link #verdict} starts it in the
 * background and answers NOT_YET_DUE; while {@link #scraping} says so the caller asks again soon,
 * and the call that finds the scrape answered uses it. A scrape stands for the time it was started:
 * a baseline's time, and an end scrape's time is the end of the window and the verdict's time (so
 * status.release.lastAnalysisAt and the next interval's start do not move by the wait for the
 * answer). A scrape started for an interval that has since ended or moved is dropped.
 *
 * <p>When there is no ready canary pod, or none answers the end scrape (a 2 s timeout each), the
 * end scrape is taken again with the same baselines, until twice the interval has passed since its
 * start; then it is Inconclusive ("no data"). Pods that answer are counted, the others left out.
 *
 * <p>Baselines are kept in memory only, as a cache: an operator restarted mid-interval has none,
 * takes them when it first sees the interval, and answers NOT_YET_DUE until they cover at least
 * half the interval, so the interval after a restart is judged late and on a shorter window; the
 * counted verdicts themselves are in status.release, so nothing else is lost.
 */
public final class PodMetricsAnalysisSource implements AnalysisSource, AutoCloseable {

  /**
   * A scrape under way for one ModelDeployment: baselines, or the end of the interval.
   *
   * @param intervalStart the start of the interval it was started for
   * @param at when it was started: the time its scrapes stand for
   * @param end true for the end scrape, false for baselines
   * @param canary the ready canary pods it scrapes
   * @param stable the ready stable pods it scrapes
   * @param scrapes the scrapes of the pods that answered, by uid, once all answered or timed out
   */
  private record Scraping(
      Instant intervalStart,
      Instant at,
      boolean end,
      List<Pod> canary,
      List<Pod> stable,
      CompletableFuture<Map<String, Scrape>> scrapes) {}

  private final PodScraper scraper;
  private final Baselines baselines = new Baselines();
  private final Map<String, Scraping> scraping = new ConcurrentHashMap<>();

  public PodMetricsAnalysisSource(PodScraper scraper) {
    this.scraper = scraper;
  }

  /** Production: pods where {@code endpoints} reaches them, 2 s timeout, 4 threads. */
  public static PodMetricsAnalysisSource create(PodEndpoints endpoints) {
    return new PodMetricsAnalysisSource(
        new PodScraper(
            PodAddressResolver.podIp(endpoints),
            PodScraper.DEFAULT_TIMEOUT,
            PodScraper.DEFAULT_THREADS));
  }

  @Override
  public AnalysisVerdict verdict(AnalysisRequest request) {
    String key = key(request);
    Optional<Instant> start = request.intervalStart();
    List<Check> checks = Checks.of(request.spec().md().getSpec());
    if (start.isEmpty() || checks.isEmpty()) {
      baselines.forget(key);
      scraping.remove(key);
      return AnalysisVerdict.notYetDue();
    }
    Duration interval = request.spec().canary().orElseThrow().interval();
    Scraping under = scraping.get(key);
    if (under != null && !under.intervalStart().equals(start.get())) {
      scraping.remove(key); // started for an interval that has ended or moved
    } else if (under != null) {
      if (!under.scrapes().isDone()) {
        return AnalysisVerdict.notYetDue();
      }
      scraping.remove(key);
      Map<String, Scrape> answered = under.scrapes().getNow(Map.of());
      if (under.end()) {
        AnalysisVerdict judged = judge(key, checks, interval, under, answered);
        if (judged.kind() != AnalysisVerdict.Kind.NOT_YET_DUE) {
          return judged;
        }
      } else {
        Map<String, Baseline> known = baselines.since(key, start.get());
        answered.forEach((uid, s) -> known.put(uid, new Baseline(under.at(), s)));
        baselines.put(key, known);
      }
    }
    Instant now = request.now();
    Map<String, Baseline> known = baselines.since(key, start.get());
    List<Pod> canary = ready(request.pods(), Labels.TRACK_CANARY);
    List<Pod> stable = ready(request.pods(), Labels.TRACK_STABLE);
    if (request.due() && canary.isEmpty() && overdue(start.get(), interval, now)) {
      TrackWindow none = TrackWindow.empty(interval);
      return AnalysisReports.verdict(
          CheckEvaluator.evaluate(checks, none, none), now, interval, none, none);
    }
    Optional<Instant> covered = earliest(canary, known);
    boolean longEnough =
        covered.isPresent() && !now.isBefore(covered.get().plus(interval.dividedBy(2)));
    if (!request.due() || !longEnough) {
      List<Pod> missing =
          concat(canary, stable).stream().filter(p -> !known.containsKey(uid(p))).toList();
      if (!missing.isEmpty()) {
        scraping.put(key, start(start.get(), now, false, missing, List.of()));
      }
      return AnalysisVerdict.notYetDue();
    }
    scraping.put(key, start(start.get(), now, true, canary, stable));
    return AnalysisVerdict.notYetDue();
  }

  /**
   * True while a scrape for {@code request}'s ModelDeployment is under way: asking again soon may
   * find its answer.
   */
  @Override
  public boolean scraping(AnalysisRequest request) {
    Scraping under = scraping.get(key(request));
    return under != null && !under.scrapes().isDone();
  }

  private Scraping start(
      Instant intervalStart, Instant at, boolean end, List<Pod> canary, List<Pod> stable) {
    return new Scraping(
        intervalStart,
        at,
        end,
        canary,
        stable,
        scraper.scrapeAsync(concat(canary, stable)).exceptionally(e -> Map.of()));
  }

  /**
   * The verdict of the interval from the baselines to the end scrape {@code under} (taken at {@code
   * under.at()}); NOT_YET_DUE, keeping the baselines for another end scrape, when no canary pod
   * answered and the interval is not overdue yet.
   */
  private AnalysisVerdict judge(
      String key, List<Check> checks, Duration interval, Scraping under, Map<String, Scrape> ends) {
    Instant at = under.at();
    Map<String, Baseline> known = baselines.since(key, under.intervalStart());
    TrackWindow canaryWindow = window(under.canary(), known, ends, at);
    TrackWindow stableWindow = window(under.stable(), known, ends, at);
    if (canaryWindow.pods() == 0 && !overdue(under.intervalStart(), interval, at)) {
      // no canary pod answered this time (timeouts under load): scrape again, keeping the
      // baselines; past twice the interval it is "no data" (Inconclusive)
      return AnalysisVerdict.notYetDue();
    }
    Map<String, Baseline> next = new HashMap<>();
    ends.forEach((uid, s) -> next.put(uid, new Baseline(at, s)));
    baselines.put(key, next);
    return AnalysisReports.verdict(
        CheckEvaluator.evaluate(checks, canaryWindow, stableWindow),
        at,
        canaryWindow.elapsed(),
        canaryWindow,
        stableWindow);
  }

  private static boolean overdue(Instant start, Duration interval, Instant now) {
    return !now.isBefore(start.plus(interval.multipliedBy(2)));
  }

  private static String key(AnalysisRequest request) {
    var md = request.spec().md();
    return md.getMetadata().getUid() != null
        ? md.getMetadata().getUid()
        : md.getMetadata().getNamespace() + "/" + md.getMetadata().getName();
  }

  private static TrackWindow window(
      List<Pod> pods, Map<String, Baseline> known, Map<String, Scrape> ends, Instant now) {
    Map<String, Scrape> start = new HashMap<>();
    Map<String, Scrape> end = new HashMap<>();
    for (Pod pod : pods) {
      Baseline b = known.get(uid(pod));
      Scrape e = ends.get(uid(pod));
      if (b != null && e != null) {
        start.put(uid(pod), b.scrape());
        end.put(uid(pod), e);
      }
    }
    Duration elapsed =
        earliest(pods, known).map(t -> Duration.between(t, now)).orElse(Duration.ZERO);
    if (end.isEmpty()) {
      return TrackWindow.empty(elapsed);
    }
    return TrackWindow.of(ScrapeInterval.between(start, end), elapsed);
  }

  private static Optional<Instant> earliest(List<Pod> pods, Map<String, Baseline> known) {
    return pods.stream()
        .map(p -> known.get(uid(p)))
        .filter(b -> b != null)
        .map(Baseline::at)
        .min(Instant::compareTo);
  }

  private static List<Pod> ready(List<Pod> pods, String track) {
    return pods.stream()
        .filter(p -> p.getMetadata().getLabels() != null)
        .filter(p -> track.equals(p.getMetadata().getLabels().get(Labels.TRACK)))
        .filter(PodStates::serving)
        .toList();
  }

  private static List<Pod> concat(List<Pod> a, List<Pod> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }

  private static String uid(Pod pod) {
    return pod.getMetadata().getUid() != null
        ? pod.getMetadata().getUid()
        : pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
  }

  @Override
  public void close() {
    scraper.close();
  }
}
