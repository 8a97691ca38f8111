package dev.pulse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** One server with the default limits for a test class, and the check that a refused request stores nothing. */
abstract class SharedIngestServer {

  // Static fields of this class, so one set for all its subclasses: they must not run concurrently
  // (this module runs test classes one at a time; see junit-platform.properties).
  @TempDir static Path dataDir;

  static TestServer server;
  int storedBefore;
  boolean expectStored;

  @BeforeAll
  static void startServer() {
    server = TestServer.start(dataDir);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void countStored() {
    storedBefore = server.storedCount();
    expectStored = false;
  }

  @AfterEach
  void refusedRequestsStoreNothing() {
    if (!expectStored) {
      assertThat(server.storedCount()).isEqualTo(storedBefore);
    }
  }
}
