package io.modelops.drills.schedule;

import java.util.List;
import java.util.Locale;

/**
 * One field of a cron expression as a bit set, parsed with robfig/cron's rules (what Kubernetes
 * CronJob uses): comma lists of {@code *}, {@code ?}, {@code n}, {@code a-b}, each with an optional
 * {@code /step}; {@code n/step} means {@code n-max/step}; names (jan-dec, sun-sat) where the field
 * has them. A field written {@code *} or {@code ?} (step 1) is "unrestricted", which decides the
 * day-of-month/day-of-week rule and the daylight-saving overlap rule.
 */
record CronField(long bits, boolean unrestricted) {

  static final List<String> MONTHS =
      List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
  static final List<String> DAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");

  boolean has(int value) {
    return (bits & (1L << value)) != 0;
  }

  /** Parses {@code text} for a field of values {@code min..max}; names map to {@code first+i}. */
  static CronField parse(
      String text, String field, int min, int max, List<String> names, int first) {
    long bits = 0;
    boolean star = false;
    for (String part : text.split(",", -1)) {
      String[] rangeAndStep = part.split("/", -1);
      String[] lowHigh = rangeAndStep[0].split("-", -1);
      if (rangeAndStep.length > 2 || lowHigh.length > 2) {
        throw invalid(field, text, "too many slashes or hyphens in " + part);
      }
      int start;
      int end;
      boolean partStar = lowHigh[0].equals("*") || lowHigh[0].equals("?");
      if (partStar) {
        if (lowHigh.length > 1) {
          throw invalid(field, text, "a range cannot start with * ");
        }
        start = min;
        end = max;
      } else {
        start = value(lowHigh[0], field, text, names, first);
        end = lowHigh.length == 2 ? value(lowHigh[1], field, text, names, first) : start;
      }
      int step = 1;
      if (rangeAndStep.length == 2) {
        step = number(rangeAndStep[1], field, text);
        if (lowHigh.length == 1) {
          end = max;
        }
      }
      if (start < min || end > max) {
        throw invalid(field, text, "values must be within " + min + "-" + max);
      }
      if (start > end) {
        throw invalid(field, text, "range " + start + "-" + end + " runs backwards");
      }
      if (step < 1) {
        throw invalid(field, text, "step must be positive");
      }
      for (int v = start; v <= end; v += step) {
        bits |= 1L << v;
      }
      star |= partStar && step == 1;
    }
    return new CronField(bits, star);
  }

  private static int value(String s, String field, String text, List<String> names, int first) {
    int index = names.indexOf(s.toLowerCase(Locale.ROOT));
    return index >= 0 ? index + first : number(s, field, text);
  }

  private static int number(String s, String field, String text) {
    if (!s.matches("[0-9]{1,4}")) {
      throw invalid(field, text, "'" + s + "' is not a number or name");
    }
    return Integer.parseInt(s);
  }

  private static InvalidScheduleException invalid(String field, String text, String why) {
    return new InvalidScheduleException(
        ScheduleReason.InvalidSchedule, field + " field '" + text + "': " + why);
  }
}
