package io.modelops.localcluster.kubelet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Container paths to folders of this machine, for a container that has no root of its own ({@link
 * NetworkMode#SHARED_ADDRESS} mode): the image's files, the volumes, the termination message file
 * and {@code /tmp} stay where they are on the host, and the container's command line, environment
 * and working folder are rewritten to point there. A path is rewritten where it starts a word (at
 * the start, or after a blank, {@code =}, {@code :}, {@code ,}, a quote or {@code file://}) and the
 * mapped path ends there or continues with {@code /}; the longest mapped path wins. A path the
 * program builds itself (say, from a config file) is not rewritten. Pure.
 */
final class HostPaths {

  /**
   * One container path and where it is on this machine.
   *
   * @param target the absolute container path
   * @param source the file or folder on this machine
   */
  record Mapping(String target, Path source) {}

  private final List<Mapping> mappings;
  private final Pattern pattern;

  HostPaths(List<Mapping> mappings) {
    List<Mapping> sorted = new ArrayList<>();
    for (Mapping m : mappings) {
      String target = m.target().length() > 1 ? m.target().replaceAll("/+$", "") : m.target();
      if (!target.startsWith("/") || "/".equals(target)) {
        throw new IllegalArgumentException(
            "a mapped container path must be absolute and not '/': " + m.target());
      }
      sorted.add(new Mapping(target, m.source()));
    }
    sorted.sort(Comparator.comparingInt((Mapping m) -> m.target().length()).reversed());
    this.mappings = List.copyOf(sorted);
    this.pattern =
        sorted.isEmpty()
            ? null
            : Pattern.compile(
                "(?:(?<![^\\s=:,'\"])|(?<=file://))("
                    + sorted.stream()
                        .map(m -> Pattern.quote(m.target()))
                        .collect(Collectors.joining("|"))
                    + ")(?![^/\\s:,;'\"])");
  }

  /** The host path of {@code containerPath}, or empty when no mapping covers it. */
  java.util.Optional<Path> resolve(String containerPath) {
    for (Mapping m : mappings) {
      if (containerPath.equals(m.target())) {
        return java.util.Optional.of(m.source());
      }
      if (containerPath.startsWith(m.target() + "/")) {
        return java.util.Optional.of(
            m.source().resolve(containerPath.substring(m.target().length() + 1)));
      }
    }
    return java.util.Optional.empty();
  }

  /** {@code text} with every mapped container path replaced by its host path. */
  String rewrite(String text) {
    if (pattern == null || text == null) {
      return text;
    }
    Matcher matcher = pattern.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String target = matcher.group(1);
      String source =
          mappings.stream()
              .filter(m -> m.target().equals(target))
              .findFirst()
              .orElseThrow()
              .source()
              .toString();
      matcher.appendReplacement(out, Matcher.quoteReplacement(source));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
