package dev.pulse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.ServerForClass;
import dev.pulse.server.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * One server with the default limits for a test class, and the check that a refused request stores nothing.
 * The subclasses take turns ({@code @ResourceLock} is inherited): they share the one extension below, which
 * one class's end would otherwise stop under another's tests.
 */
@ResourceLock("dev.pulse.server.http.SharedIngestServer")
abstract class SharedIngestServer {

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
