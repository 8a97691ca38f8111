package dev.pulse.client.errors;

import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.function.Function;
import dev.pulse.schema.ReportedError;

/**
 * The one path by which an error becomes a report, whoever hands it over (the host's {@code
 * reportError}, the log handler, the uncaught-exception hook): first whether the {@link ErrorSink}
 * has room, so that an error meeting a full buffer is counted without its message being read or
 * scrubbed or its stack walked; then the mapping; a mapping that fails sends the error's class alone.
 * Never throws what mapping throws, whatever it is: an Error the host's exception throws from its own
 * methods (a {@code NoClassDefFoundError} of its message formatter), or a {@link StackOverflowError} of
 * a thread with little stack left, is the SDK's problem, never the host's. Thread-safe.
 */
public final class ErrorIntake {

  private static final System.Logger LOG = System.getLogger(ErrorIntake.class.getName());

  private final ErrorMapper mapper;
  private final ErrorSink sink;

  /** Maps with {@code mapper} into {@code sink}. */
  public ErrorIntake(ErrorMapper mapper, ErrorSink sink) {
    this.mapper = mapper;
    this.sink = sink;
  }

  /** Reports {@code error} with {@code metadata} (restricted to the allow-list). */
  public void report(Throwable error, Map<String, String> metadata) {
    report(error, m -> m.map(error, metadata));
  }

  /**
   * Reports what {@code mapping} makes, if the sink has room; nothing of the error is read before.
   *
   * @param error sent as its class alone when {@code mapping} fails; null when there is none, then
   *     such a report counts as one that could not be made
   */
  void report(Throwable error, Function<ErrorMapper, ReportedError> mapping) {
    if (!sink.takes()) {
      return; // counted by the sink; mapping what would be dropped costs the host's thread for nothing
    }
    ReportedError report;
    try {
      report = mapping.apply(mapper);
    } catch (Throwable e) {
      LOG.log(Level.DEBUG, "could not map an error for telemetry, sending its class only: " + e.getClass().getName());
      try {
        report = error == null ? null : ErrorMapper.withheld(error);
      } catch (Throwable again) {
        report = null;
      }
    }
    if (report == null) {
      sink.unreportable();
    } else {
      sink.accept(report);
    }
  }
}
