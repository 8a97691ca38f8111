package dev.pulse.cli.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The log lines of a command a person waits for read as its own messages: the command's name, a word
 * for a warning or an error, the message; a failure's trace only with --debug. The commands that
 * serve are not named, so they keep an operator's dated lines.
 */
class TerminalLayoutTest {

  private final LoggerContext context = new LoggerContext();
  private final Logger logger = context.getLogger("dev.pulse.server.store.FirstBuild");

  @Test
  void aLineStartsWithTheCommandAndSaysWhetherItIsAWarningOrAnError() {
    TerminalLayout layout = started(new TerminalLayout("pulse export", false));

    assertThat(layout.doLayout(event(Level.INFO, "first rollup build: {} raw records", 12, null)))
        .isEqualTo("pulse export: first rollup build: 12 raw records" + System.lineSeparator());
    assertThat(layout.doLayout(event(Level.WARN, "the disk is low", null, null)))
        .isEqualTo("pulse export: warning: the disk is low" + System.lineSeparator());
    assertThat(layout.doLayout(event(Level.ERROR, "the store is closed", null, null)))
        .isEqualTo("pulse export: error: the store is closed" + System.lineSeparator());
  }

  @Test
  void aFailureIsNamedOnlyWithDebug() {
    IOException failure = new IOException("No space left on device");

    String plain = started(new TerminalLayout("pulse backup", false))
        .doLayout(event(Level.WARN, "cannot keep the time", null, failure));
    String debug = started(new TerminalLayout("pulse backup", true))
        .doLayout(event(Level.WARN, "cannot keep the time", null, failure));

    assertThat(plain).isEqualTo("pulse backup: warning: cannot keep the time (--debug shows the details)"
        + System.lineSeparator());
    assertThat(debug).startsWith("pulse backup: warning: cannot keep the time" + System.lineSeparator()
        + "java.io.IOException: No space left on device").contains("\tat " + TerminalLayoutTest.class.getName());
  }

  @Test
  void everyCommandButTheServicesIsNamedForItsLines() {
    assertThat(LogSettings.named(new String[] {"--config", "serve", "export", "events"})).isEqualTo("pulse export");
    assertThat(LogSettings.named(new String[] {"--debug", "backup", "-o", "x.duckdb"})).isEqualTo("pulse backup");
    assertThat(LogSettings.named(new String[] {"--help"})).isEqualTo("pulse");
    assertThat(LogSettings.named(new String[] {"serve", "--port", "0"}))
        .as("a service's lines are dated and name their source").isNull();
    assertThat(LogSettings.named(new String[] {"--config", "pulse.properties", "demo"})).isNull();
  }

  private TerminalLayout started(TerminalLayout layout) {
    layout.setContext(context);
    layout.start();
    return layout;
  }

  private LoggingEvent event(Level level, String message, Object argument, Throwable failure) {
    Object[] arguments = argument == null ? null : new Object[] {argument};
    return new LoggingEvent(Logger.class.getName(), logger, level, message, failure, arguments);
  }
}
