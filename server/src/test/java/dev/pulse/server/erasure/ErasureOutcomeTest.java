package dev.pulse.server.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.store.ErasureReport;
import org.junit.jupiter.api.Test;

class ErasureOutcomeTest {

  @Test
  void describesEachCountInTheSingularOrThePlural() {
    ErasureOutcome one = new ErasureOutcome("ctx", ErasureOutcome.Match.STORED_KEY, false, new ErasureReport(1, 1, 1, 1));
    assertThat(one.describe()).startsWith("removed 1 event, 1 CLI command, 1 error and 1 aggregated row of install ctx");

    ErasureOutcome some = new ErasureOutcome("ctx", ErasureOutcome.Match.STORED_KEY, true, new ErasureReport(2, 0, 3, 4));
    assertThat(some.describe())
        .startsWith("would remove 2 events, 0 CLI commands, 3 errors and 4 aggregated rows of install ctx")
        .endsWith("nothing was removed (dry run)");
  }
}
