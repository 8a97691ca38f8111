package dev.pulse.cli.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;
import java.util.Map;

/**
 * The logging of the pulse command, set up in code when Logback starts (found through
 * {@code META-INF/services}): reading the same from a {@code logback.xml} took a sixth of a short
 * command's start. One line a record on standard error, as text or JSON (one object per line, the
 * message with its values in), at the level {@link LogSettings} chose; a command that serves writes
 * dated lines naming their source, any other its own ({@link TerminalLayout}); Javalin, Jetty, Hikari and
 * Flyway only when they warn; every line through {@link AddressMaskingAppender}. An operator's own
 * file ({@code -Dlogback.configurationFile=...}) is used instead when given.
 */
public final class LogbackSetup extends ContextAwareBase implements Configurator {

  private static final String TEXT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSZ} %level %logger{0} - %msg%n";

  /**
   * The libraries' loggers and the least level they print at. Hikari's two: one line a pooled
   * connection found dead after a database restart, naming a driver class; one "marked as broken"
   * with the driver's whole stack trace: the store's outage lines say what happened instead. Flyway's
   * notes at every open: the store logs one line of its own when it migrated something.
   */
  private static final Map<String, Level> LIBRARIES = Map.of(
      "io.javalin", Level.WARN,
      "org.eclipse.jetty", Level.WARN,
      "com.zaxxer.hikari", Level.WARN,
      "org.flywaydb", Level.WARN,
      // It warns about a client's mistake (an address or headers too large), which the client is
      // answered anyway (414, 431): with a warning each, any client could fill the log.
      "org.eclipse.jetty.http.HttpParser", Level.ERROR,
      // Its warnings quote a client's Host header ("Bad Authority: [a b]"), which is answered 400.
      "org.eclipse.jetty.util.HostPort", Level.ERROR,
      "com.zaxxer.hikari.pool.PoolBase", Level.ERROR,
      "com.zaxxer.hikari.pool.ProxyConnection", Level.ERROR);

  /** Made by Logback's service loader. */
  public LogbackSetup() {}

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY; // Logback's own reads the operator's file
    }
    NopStatusListener quiet = new NopStatusListener(); // Logback's own start-up notes are not for users
    context.getStatusManager().add(quiet);
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setTarget("System.err");
    Level level = Level.toLevel(System.getProperty("pulse.log.level"), Level.INFO);
    console.setEncoder(encoder(context, level));
    console.start();
    AddressMaskingAppender masking = new AddressMaskingAppender();
    masking.setContext(context);
    masking.addAppender(console);
    masking.start();
    LIBRARIES.forEach((name, least) -> context.getLogger(name).setLevel(least));
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(level);
    root.addAppender(masking);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /**
   * JSON when asked; else a command a person waits for writes its lines as its own messages ({@link
   * TerminalLayout}), unless debug lines were asked for, which want their date and source as a
   * service's lines do.
   */
  private static Encoder<ILoggingEvent> encoder(LoggerContext context, Level level) {
    if ("json".equals(System.getProperty("pulse.log.format"))) {
      return json(context);
    }
    String command = System.getProperty(LogSettings.COMMAND);
    if (command == null || !level.isGreaterOrEqual(Level.INFO)) {
      return text(context);
    }
    TerminalLayout layout = new TerminalLayout(command, Boolean.getBoolean(LogSettings.TRACES));
    layout.setContext(context);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setLayout(layout);
    encoder.start();
    return encoder;
  }

  private static Encoder<ILoggingEvent> text(LoggerContext context) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(TEXT_PATTERN);
    encoder.start();
    return encoder;
  }

  /** The message with its values in, not the template and its arguments (a collector would show {}). */
  private static Encoder<ILoggingEvent> json(LoggerContext context) {
    JsonEncoder encoder = new JsonEncoder();
    encoder.setContext(context);
    encoder.setWithFormattedMessage(true);
    encoder.setWithMessage(false);
    encoder.setWithArguments(false);
    encoder.setWithSequenceNumber(false);
    encoder.setWithNanoseconds(false);
    encoder.setWithContext(false);
    encoder.start();
    return encoder;
  }
}
