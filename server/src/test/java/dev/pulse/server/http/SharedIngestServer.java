package dev.pulse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.ServerForClass;
import dev.pulse.server.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One server with the default limits for a test class, and the check that a refused request stores nothing. */
abstract class SharedIngestServer {

  // One server for all the subclasses' tests in turn: they must not run concurrently (this module runs
  // test classes one at a time; see junit-platform.properties).
  @RegisterExtension static final ServerForClass shared = new ServerForClass();

  static TestServer server() {
    return shared.server();
  }

  int storedBefore;
  boolean expectStored;

  @BeforeEach
  void countStored() {
    storedBefore = server().storedCount();
    expectStored = false;
  }

  @AfterEach
  void refusedRequestsStoreNothing() {
    if (!expectStored) {
      assertThat(server().storedCount()).isEqualTo(storedBefore);
    }
  }
}
