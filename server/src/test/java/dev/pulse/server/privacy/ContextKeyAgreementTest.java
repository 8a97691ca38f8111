package dev.pulse.server.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.server.ServerConfigBuilder;
import dev.pulse.server.TestServer;
import dev.pulse.server.privacy.ContextKeyAgreement.ContextKeyMismatchException;
import dev.pulse.server.store.postgres.EmbeddedPostgresServer;
import dev.pulse.server.store.Fixture;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.Storage;
import dev.pulse.server.store.duckdb.DuckDbStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A server whose context key is not the one its store's contextIds were keyed with does not start:
 * with it an install would count as a new one and an erasure would miss the install's records.
 */
@ResourceLock(EmbeddedPostgresServer.LOCK)
class ContextKeyAgreementTest {

  private static final String OTHER_KEY = "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";
  private static final String EVENT = TestServer.resource("/conformance/01-operator-started.json");

  @TempDir Path dataDir;
  @TempDir Path otherDataDir;

  @Test
  void anEmbeddedStoreOpenedWithAnotherKeyIsRefusedAndOpensWithItsOwn() {
    try (TestServer first = TestServer.start(dataDir)) {
      assertThat(first.postTelemetry(EVENT).statusCode()).isEqualTo(200);
    }

    assertThatThrownBy(() -> TestServer.start(dataDir, b -> b.contextKey(OTHER_KEY)))
        .isInstanceOf(ContextKeyMismatchException.class)
        .hasMessageStartingWith("the store's contextIds were keyed with another context key than this one")
        .hasMessageContaining("set PULSE_CONTEXT_KEY");

    try (TestServer again = TestServer.start(dataDir)) {
      assertThat(again.storedCount()).isEqualTo(2);
    }
  }

  @Test
  void aKeyMadeForAStoreKeyedWithAnotherIsNotLeftToBeTakenForItsKey() {
    try (TestServer first = TestServer.start(dataDir)) { // its key configured: no context.key in the data dir
      assertThat(first.postTelemetry(EVENT).statusCode()).isEqualTo(200);
    }

    assertThatThrownBy(() -> TestServer.start(dataDir, b -> b.contextKey(null)))
        .isInstanceOf(ContextKeyMismatchException.class)
        .hasMessageStartingWith("the store holds records keyed with a context key, and none was given")
        .hasMessageContaining("or put its context.key in the data dir");
    assertThat(dataDir.resolve(ContextKeyFile.FILE_NAME)).as("the key the refused start made").doesNotExist();
  }

  @Test
  void aStoreLoadedWithNoKeyRecordedIsNotTakenOverByAKeyMadeAtStartButOpensWithTheKeyGiven() {
    try (Storage loaded = DuckDbStorage.open(dataDir)) { // as an import given no key: records, no check
      loaded.events().append(RecordBatch.ofEvents(List.of(Fixture.event("a", "ctx-a", Instant.now()),
          Fixture.event("b", "ctx-b", Instant.now()))));
    }

    assertThatThrownBy(() -> TestServer.start(dataDir, b -> b.contextKey(null)))
        .isInstanceOf(ContextKeyMismatchException.class)
        .hasMessageContaining("none was given (no PULSE_CONTEXT_KEY or context-key, no context.key in the data dir)")
        .hasMessageContaining("if that key is lost, docs/privacy.md (A lost context key) says how to go on");
    assertThat(dataDir.resolve(ContextKeyFile.FILE_NAME)).as("the key the refused start made").doesNotExist();

    try (TestServer keyed = TestServer.start(dataDir, b -> b.contextKey(OTHER_KEY))) {
      assertThat(keyed.storedCount()).as("the loaded records, the store now keyed with the key given").isEqualTo(2);
    }
    assertThatThrownBy(() -> TestServer.start(dataDir, b -> b.contextKey(null)))
        .isInstanceOf(ContextKeyMismatchException.class);
  }

  @Test
  void aStoreThatDoesNotOpenLeavesNoKeyMadeForIt() throws Exception {
    Files.writeString(dataDir.resolve("pulse.duckdb"), "not a database");

    assertThatThrownBy(() -> TestServer.start(dataDir, b -> b.contextKey(null))).isInstanceOf(RuntimeException.class);

    assertThat(dataDir.resolve(ContextKeyFile.FILE_NAME)).doesNotExist();
  }

  @Test
  void aServerOnASharedDatabaseWithAnotherKeyIsRefusedWhileOnesWithTheKeyStart() {
    var database = EmbeddedPostgresServer.newDatabase();
    UnaryOperator<ServerConfigBuilder> shared = b -> b.store(database.jdbcUrl() + "?user=" + database.user());

    try (TestServer first = TestServer.start(dataDir, shared)) {
      assertThatThrownBy(() -> TestServer.start(otherDataDir, b -> shared.apply(b).contextKey(OTHER_KEY)))
          .isInstanceOf(ContextKeyMismatchException.class);
      try (TestServer second = TestServer.start(otherDataDir, shared)) {
        assertThat(second.postTelemetry(EVENT).statusCode()).isEqualTo(200);
        assertThat(first.storedCount()).isEqualTo(2);
      }
    }
  }
}
