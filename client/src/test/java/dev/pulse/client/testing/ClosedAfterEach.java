package dev.pulse.client.testing;

import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Closes what a test started once it ends, the last started first: {@code server =
 * closing.of(FakePulseServer.start())} with {@code @RegisterExtension final ClosedAfterEach closing}.
 */
public final class ClosedAfterEach implements AfterEachCallback {

  private final Deque<AutoCloseable> open = new ArrayDeque<>();

  /** {@code resource}, to be closed after the test. */
  public <T extends AutoCloseable> T of(T resource) {
    open.push(resource);
    return resource;
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    Exception failure = null;
    while (!open.isEmpty()) {
      try {
        open.pop().close();
      } catch (Exception e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
