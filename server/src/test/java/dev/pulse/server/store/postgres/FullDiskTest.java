package dev.pulse.server.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.store.DiskFullException;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.StoreLocation;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * A full disk of PostgreSQL is told by its SQLState first, whatever the language of its message
 * ({@code lc_messages}), and named by the database, never by a file in PostgreSQL's data dir.
 */
class FullDiskTest {

  private static final String GERMAN =
      "FEHLER: konnte Datei »base/16384/16402« nicht erweitern: Auf dem Gerät ist kein Speicherplatz mehr verfügbar";

  @Test
  void aDiskFullStateAnywhereInTheCauseChainIsAFullDiskWhateverTheMessagesLanguage() {
    SQLException full = new SQLException(GERMAN, FullDisk.DISK_FULL);

    assertThat(FullDisk.is(full)).isTrue();
    assertThat(FullDisk.is(new IllegalStateException("commit failed", full))).isTrue();
    assertThat(FullDisk.is(new SQLException("FEHLER: Speicher aufgebraucht", "53200"))).as("out of memory").isFalse();
  }

  @Test
  void withoutAStateTheOperatingSystemsWordsTellAFullDisk() {
    assertThat(FullDisk.is(new SQLException("could not extend file \"base/1/2\": No space left on device"))).isTrue();
    assertThat(FullDisk.is(new SQLException("syntax error", "42601"))).isFalse();
  }

  @Test
  void aClaimOrAReadOnAFullDiskIsToldAsOneToo() {
    StoreException told = ConnectionFailures.of("claiming context-key-check", new SQLException(GERMAN, "53100"), false);

    assertThat(told).isInstanceOf(DiskFullException.class).hasMessage("claiming context-key-check failed: the disk"
        + " of PostgreSQL's database is full: free space on that disk; nothing acknowledged is lost");
  }

  @Test
  void aWriteOnAFullDiskNamesTheDatabaseAndWhatToDoNotPostgresqlsFile() {
    String database = FullDisk.database(new StoreLocation.Postgres(
        "jdbc:postgresql://db.example:5433/pulse?sslmode=require", "pulse", ""));

    StoreException told = ContentErrors.classify("commit of 3 records", new SQLException(GERMAN, "53100"), database);

    assertThat(told).isInstanceOf(DiskFullException.class).hasMessage("commit of 3 records failed: the disk of"
        + " PostgreSQL's database pulse on db.example:5433 is full: free space on that disk; nothing acknowledged is lost");
    assertThat(((DiskFullException) told).forClients()).isEqualTo("the disk of the store's database is full (commit"
        + " of 3 records failed); nothing is lost: retry once space is freed on it");
  }
}
