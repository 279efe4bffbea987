package io.modelops.api.validation;

import static io.modelops.api.validation.YamlEdit.remove;
import static io.modelops.api.validation.YamlEdit.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A table of broken DrillSchedules, each one edit away from {@link DrillFixtures#FULL_SCHEDULE}:
 * every one is refused, naming the offending field and saying what is wrong.
 */
class InvalidDrillScheduleTest {

  private static final CrdSchemaValidator VALIDATOR = CrdSchemaValidator.drillSchedule();

  @BeforeAll
  static void baseDocumentsAreValid() {
    assertEquals(List.of(), VALIDATOR.validate(DrillFixtures.fullSchedule()));
    assertEquals(List.of(), VALIDATOR.validate(DrillFixtures.minimalSchedule()));
  }

  static Stream<Arguments> invalid() {
    String window = "{reason: w, schedule: '0 1 * * *', duration: 1h}";
    return Stream.of(
        bad("no target", remove("spec.target"), "spec.target", "Required value"),
        bad("no schedule", remove("spec.schedule"), "spec.schedule", "Required value"),
        bad("no template", remove("spec.template"), "spec.template", "Required value"),
        bad(
            "six cron fields",
            set("spec.schedule", "'0 0 3 * * *'"),
            "spec.schedule",
            "0 0 3 * * *"),
        bad("unknown macro", set("spec.schedule", "'@often'"), "spec.schedule", "@often"),
        bad(
            "time zone inside the schedule",
            set("spec.schedule", "'CRON_TZ=UTC 0 3 * * *'"),
            "spec.schedule",
            "set the time zone in timeZone"),
        bad(
            "time zone with a space",
            set("spec.timeZone", "'Europe/ Berlin'"),
            "spec.timeZone",
            "Europe/ Berlin"),
        bad(
            "unknown concurrency policy",
            set("spec.concurrencyPolicy", "Sometimes"),
            "spec.concurrencyPolicy",
            "Sometimes"),
        bad(
            "starting deadline under 10s",
            set("spec.startingDeadlineSeconds", "5"),
            "spec.startingDeadlineSeconds",
            "10"),
        bad(
            "successful history above 100",
            set("spec.successfulRunsHistoryLimit", "101"),
            "spec.successfulRunsHistoryLimit",
            "100"),
        bad(
            "negative failed history",
            set("spec.failedRunsHistoryLimit", "-1"),
            "spec.failedRunsHistoryLimit",
            "-1"),
        bad("suspend as a string", set("spec.suspend", "'yes'"), "spec.suspend", "yes"),
        bad("unknown spec field", set("spec.jitter", "5m"), "spec.jitter", "Unknown field"),
        bad("unknown track", set("spec.target.track", "Blue"), "spec.target.track", "Blue"),
        bad(
            "target name with capitals",
            set("spec.target.modelDeployment", "Ctr_Ranker"),
            "spec.target.modelDeployment",
            "Ctr_Ranker"),
        bad(
            "blackout ends before it starts",
            set("spec.blackoutWindows[0].end", "'2026-11-29T00:00:00-05:00'"),
            "spec.blackoutWindows[0].end",
            "end must be after start"),
        bad(
            "blackout start without end",
            remove("spec.blackoutWindows[0].end"),
            "spec.blackoutWindows[0].end",
            "set together"),
        bad(
            "blackout without an offset",
            set("spec.blackoutWindows[0].start", "'2026-11-30T00:00:00'"),
            "spec.blackoutWindows[0].start",
            "2026-11-30T00:00:00"),
        bad(
            "blackout both absolute and recurring",
            set("spec.blackoutWindows[0].schedule", "'0 0 * * *'")
                    .andThen(set("spec.blackoutWindows[0].duration", "1h"))
                ::apply,
            "spec.blackoutWindows[0]",
            "either absolute"),
        bad(
            "blackout neither absolute nor recurring",
            set("spec.blackoutWindows[0]", "{reason: nothing}"),
            "spec.blackoutWindows[0]",
            "either absolute"),
        bad(
            "recurring blackout of 30s",
            set("spec.blackoutWindows[1].duration", "30s"),
            "spec.blackoutWindows[1].duration",
            "between 1m and 744h"),
        bad(
            "recurring blackout schedule without duration",
            remove("spec.blackoutWindows[1].duration"),
            "spec.blackoutWindows[1].duration",
            "set together"),
        bad(
            "time zone on an absolute blackout",
            set("spec.blackoutWindows[0].timeZone", "UTC"),
            "spec.blackoutWindows[0].timeZone",
            "applies only to a recurring window"),
        bad(
            "blackout without a reason",
            remove("spec.blackoutWindows[0].reason"),
            "spec.blackoutWindows[0].reason",
            "Required value"),
        bad(
            "33 blackout windows",
            set(
                "spec.blackoutWindows",
                "[" + String.join(",", java.util.Collections.nCopies(33, window)) + "]"),
            "spec.blackoutWindows",
            "32"),
        bad(
            "ChaosMesh node drain",
            set("spec.template.fault", "{type: NodeDrain}"),
            "spec.template.engine",
            "ChaosMesh engine cannot do"),
        bad(
            "unknown fault type",
            set("spec.template.fault.type", "DiskFill"),
            "spec.template.fault.type",
            "DiskFill"),
        bad(
            "drill of 3h",
            set("spec.template.duration", "3h"),
            "spec.template.duration",
            "between 1s and 2h"),
        bad(
            "name of 53 characters",
            set("metadata.name", "'" + "d".repeat(53) + "'"),
            "",
            "at most 52 characters"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void isRefusedNamingTheField(
      String name, UnaryOperator<JsonNode> edit, String field, String expectedText) {
    List<Violation> violations = VALIDATOR.validate(edit.apply(DrillFixtures.fullSchedule()));
    assertTrue(
        violations.stream()
            .anyMatch(v -> v.field().equals(field) && v.toString().contains(expectedText)),
        () -> name + ": expected " + field + " / '" + expectedText + "', got " + violations);
  }

  @Test
  void tableHasAtLeastTwentyCases() {
    assertTrue(invalid().count() >= 20);
  }

  private static Arguments bad(
      String name, UnaryOperator<JsonNode> edit, String field, String expectedText) {
    return Arguments.of(name, edit, field, expectedText);
  }
}
