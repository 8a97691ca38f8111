package dev.pulse.server.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.server.ServerConfigBuilder;
import dev.pulse.server.TestServer;
import dev.pulse.server.privacy.ContextKeyAgreement.ContextKeyMismatchException;
import dev.pulse.server.store.postgres.EmbeddedPostgresServer;
import java.nio.file.Path;
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
        .hasMessageContaining("or put their context.key in the data dir");
    assertThat(dataDir.resolve(ContextKeyFile.FILE_NAME)).as("the key the refused start made").doesNotExist();
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
