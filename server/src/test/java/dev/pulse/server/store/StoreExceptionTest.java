package dev.pulse.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class StoreExceptionTest {

  /** As DuckDB words a fatal error: its native stack trace after the message. */
  private static final String FATAL = "FATAL Error: Failed to create checkpoint because of error: Could not write"
      + " file \"/data/pulse.duckdb\": No space left on device\n\nStack Trace:\n\n"
      + "/tmp/libduckdb_java1.so(+0x591c16) [0x7f37f1591c16]\n/tmp/libduckdb_java1.so(+0x591cd4) [0x7f37f1591cd4]\n";

  @Test
  void aNativeStackTraceADatabaseAppendedIsLeftOutOfTheMessageAndKeptInTheCause() {
    StoreException e = new StoreException("closing the store failed: " + FATAL, new SQLException(FATAL));

    assertThat(e).hasMessage("closing the store failed: FATAL Error: Failed to create checkpoint because of error:"
        + " Could not write file \"/data/pulse.duckdb\": No space left on device");
    assertThat(e.getCause()).hasMessageContaining("libduckdb_java");
  }

  @Test
  void aMessageWithoutANativeStackTraceIsKeptAsItIs() {
    String twoLines = "Binder Error: column \"x\" not found\n\nLINE 1: SELECT x FROM t";

    assertThat(new StoreException(twoLines)).hasMessage(twoLines);
    assertThat(StoreException.readable(null)).isNull();
  }
}
