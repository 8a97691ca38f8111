package dev.pulse.cli.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;

/**
 * The log line of a command a person runs and waits for ({@code pulse export}, {@code pulse
 * generate}, ...), as its own messages are: {@code pulse export: warning: <message>}. No date and no
 * source: the line is read at once, on a terminal or in a job's output, and names the command that
 * wrote it. A failure attached to a record is left out unless {@code --debug} asked for it; the line
 * then says so. The commands that serve keep the dated lines an operator's log collector expects.
 */
final class TerminalLayout extends LayoutBase<ILoggingEvent> {

  private final String prefix;
  private final boolean traces;
  private final ThrowableProxyConverter throwables = new ThrowableProxyConverter();

  /**
   * @param command what the lines start with, e.g. {@code pulse export}
   * @param traces whether a record's failure is printed with its stack trace ({@code --debug})
   */
  TerminalLayout(String command, boolean traces) {
    this.prefix = command + ": ";
    this.traces = traces;
  }

  @Override
  public void start() {
    throwables.setContext(getContext());
    throwables.start();
    super.start();
  }

  @Override
  public String doLayout(ILoggingEvent event) {
    StringBuilder line = new StringBuilder(prefix).append(label(event.getLevel())).append(event.getFormattedMessage());
    boolean failure = event.getThrowableProxy() != null;
    if (failure && !traces) {
      line.append(" (--debug shows the details)");
    }
    line.append(CoreConstants.LINE_SEPARATOR);
    return failure && traces ? line.append(throwables.convert(event)).toString() : line.toString();
  }

  private static String label(Level level) {
    if (level.isGreaterOrEqual(Level.ERROR)) {
      return "error: ";
    }
    return level.isGreaterOrEqual(Level.WARN) ? "warning: " : "";
  }
}
