package io.modelops.operator.event;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AnnouncementLedgerTest {

  @Test
  void aRepeatOfTheLastAnnouncementIsSilentANewOneIsNot() {
    var ledger = new AnnouncementLedger();
    assertTrue(ledger.first("uid-1", "Injecting"));
    assertFalse(ledger.first("uid-1", "Injecting"), "the same decision on a stale copy");
    assertTrue(ledger.first("uid-2", "Injecting"), "another object");
    assertTrue(ledger.first("uid-1", "Observing"));
    assertTrue(ledger.first("uid-1", "Injecting"), "only the last one counts as a repeat");
    ledger.forget("uid-1");
    assertTrue(ledger.first("uid-1", "Injecting"));
    assertTrue(ledger.first(null, "x"));
    assertTrue(ledger.first(null, "x"));
  }
}
