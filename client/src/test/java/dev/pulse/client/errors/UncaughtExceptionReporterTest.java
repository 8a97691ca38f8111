package dev.pulse.client.errors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.schema.ReportedError;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several instances each install a reporter as the JVM's default handler; closed in any order, they
 * leave the handler the host had, and none of them reports or stays reachable once closed.
 */
class UncaughtExceptionReporterTest {

  private final ErrorMapper mapper = new ErrorMapper(MessagePolicy.SCRUB, Set.of());
  private final List<String> hostHandled = new ArrayList<>();
  private final Thread.UncaughtExceptionHandler host = (thread, e) -> hostHandled.add(e.getMessage());
  private Thread.UncaughtExceptionHandler before;

  @BeforeEach
  void installTheHostsHandler() {
    before = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler(host);
  }

  @AfterEach
  void restore() {
    Thread.setDefaultUncaughtExceptionHandler(before);
  }

  private static void crash(String message) throws InterruptedException {
    Thread thread = new Thread(() -> {
      throw new IllegalStateException(message);
    });
    thread.start();
    thread.join();
  }

  @Test
  void closedInTheOrderTheyWereBuiltTheyLeaveTheHostsHandler() {
    UncaughtExceptionReporter first = UncaughtExceptionReporter.install(mapper, error -> { });
    UncaughtExceptionReporter second = UncaughtExceptionReporter.install(mapper, error -> { });

    first.uninstall();
    second.uninstall();

    assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(host);
  }

  @Test
  void closedInTheReverseOrderTheyLeaveTheHostsHandler() {
    UncaughtExceptionReporter first = UncaughtExceptionReporter.install(mapper, error -> { });
    UncaughtExceptionReporter second = UncaughtExceptionReporter.install(mapper, error -> { });

    second.uninstall();
    first.uninstall();

    assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(host);
  }

  @Test
  void aReporterStillInstalledPassesOverAClosedOneToTheHostsHandler() throws InterruptedException {
    List<ReportedError> toFirst = new ArrayList<>();
    List<ReportedError> toSecond = new ArrayList<>();
    UncaughtExceptionReporter first = UncaughtExceptionReporter.install(mapper, toFirst::add);
    UncaughtExceptionReporter second = UncaughtExceptionReporter.install(mapper, toSecond::add);
    first.uninstall();

    crash("after the first closed");

    assertThat(toFirst).isEmpty();
    assertThat(toSecond).hasSize(1);
    assertThat(hostHandled).containsExactly("after the first closed");
    second.uninstall();
  }
}
