package dev.pulse.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import dev.pulse.client.errors.MessageScrubber;
import dev.pulse.client.testing.ClosedAfterEach;
import dev.pulse.client.testing.FakePulseServer;
import dev.pulse.client.testing.TestTelemetry;
import dev.pulse.schema.WireOperations;

/**
 * What the host's own objects throw, an Error included (a class its message formatter needs, missing
 * at run time), never leaves an SDK method: the report goes without what could not be read, the
 * host's logging call returns, and the host's previous uncaught-exception handler still runs.
 */
class NothingThrowsIntoTheHostTest {

  @TempDir Path dir;
  @RegisterExtension final ClosedAfterEach closing = new ClosedAfterEach();

  /** Its message, stack and cause all need a class the host's runtime lacks. */
  static final class LazyMessage extends RuntimeException {
    @Override
    public String getMessage() {
      throw new NoClassDefFoundError("com/acme/MessageFormatter");
    }

    @Override
    public StackTraceElement[] getStackTrace() {
      throw new NoClassDefFoundError("com/acme/StackFormatter");
    }

    @Override
    public synchronized Throwable getCause() {
      throw new NoClassDefFoundError("com/acme/CauseFormatter");
    }
  }

  private PulseTelemetry telemetry(FakePulseServer server, boolean reportUncaught) {
    return TestTelemetry.builder(server.apiAddress(), dir)
        .contextId("ctx")
        .reportUncaughtExceptions(reportUncaught)
        .allowMetadata(Set.of("op"))
        .build();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> errors(FakePulseServer server) {
    return server.received(WireOperations.REPORT_ERRORS_NAME).stream()
        .flatMap(r -> ((List<Map<String, Object>>) r.variables().get("errors")).stream()).toList();
  }

  @Test
  void anErrorThrownByTheHostsExceptionOrMetadataLeavesNeitherReportErrorNorTheLoggingCall() throws Exception {
    FakePulseServer server = closing.of(FakePulseServer.start());
    PulseTelemetry telemetry = telemetry(server, false);
    Map<String, String> brokenMap = new HashMap<>(Map.of("op", "sync")) {
      @Override
      public Set<Map.Entry<String, String>> entrySet() {
        throw new NoClassDefFoundError("com/acme/MapView");
      }
    };
    Logger logger = Logger.getLogger("com.acme.operator.lazy");
    logger.setUseParentHandlers(false);
    logger.addHandler(telemetry.logHandler());

    assertThatCode(() -> telemetry.reportError(new LazyMessage())).doesNotThrowAnyException();
    assertThatCode(() -> telemetry.reportError(new LazyMessage(), brokenMap)).doesNotThrowAnyException();
    assertThatCode(() -> logger.log(Level.SEVERE, "reconcile failed", new LazyMessage()))
        .doesNotThrowAnyException();
    assertThatCode(() -> telemetry.reportCommand(new AbstractList<String>() {
      @Override
      public String get(int index) {
        throw new NoClassDefFoundError("com/acme/Words");
      }

      @Override
      public int size() {
        return 3;
      }
    })).doesNotThrowAnyException();

    assertThat(telemetry.close(Duration.ofSeconds(30))).isTrue();
    assertThat(errors(server)).as("each reported, without what could not be read").hasSize(3)
        .allSatisfy(e -> assertThat(e.get("message")).isIn(MessageScrubber.WITHHELD, "reconcile failed"));
    assertThat(errors(server).get(0)).containsEntry("stack", List.of()).containsEntry("cause", null)
        .containsEntry("metadata", null);
  }

  @Test
  void theHostsPreviousUncaughtExceptionHandlerRunsWhateverTheExceptionThrows() throws Exception {
    FakePulseServer server = closing.of(FakePulseServer.start());
    AtomicReference<Throwable> handled = new AtomicReference<>();
    Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((thread, e) -> handled.set(e)); // the host's own
    try {
      PulseTelemetry telemetry = telemetry(server, true);
      LazyMessage dies = new LazyMessage();
      Thread dying = new Thread(() -> {
        throw dies;
      }, "host-worker");
      dying.start();
      dying.join();

      // Compared by identity: printing the exception would call its methods, which throw.
      assertThat(handled.get() == dies).as("the host's handler got the exception").isTrue();
      assertThat(telemetry.close(Duration.ofSeconds(30))).isTrue();
      assertThat(errors(server)).singleElement().satisfies(e -> assertThat(e)
          .containsEntry("message", MessageScrubber.WITHHELD)
          .containsEntry("errorClass", LazyMessage.class.getName()));
    } finally {
      Thread.setDefaultUncaughtExceptionHandler(before);
    }
  }
}
