package dev.pulse.client.errors;

import java.util.Map;
import dev.pulse.client.threads.SdkThreads;

/**
 * A default uncaught-exception handler that reports the exception and then hands it to the handler
 * installed before it (or, when there was none, prints it like the JVM does). Exceptions on the SDK's
 * own threads are not reported. Reported through an {@link ErrorIntake}: an exception that meets a full
 * buffer is counted before anything of it is read. Whatever reporting meets (an Error the exception throws
 * from its own methods too), the previous handler always runs.
 */
public final class UncaughtExceptionReporter implements Thread.UncaughtExceptionHandler {

  private final ErrorIntake intake;
  private final Thread.UncaughtExceptionHandler previous;

  private UncaughtExceptionReporter(ErrorIntake intake, Thread.UncaughtExceptionHandler previous) {
    this.intake = intake;
    this.previous = previous;
  }

  /** Installs a reporter as the default handler, chaining to the current one; returns it. */
  public static synchronized UncaughtExceptionReporter install(ErrorMapper mapper, ErrorSink sink) {
    UncaughtExceptionReporter reporter =
        new UncaughtExceptionReporter(new ErrorIntake(mapper, sink), Thread.getDefaultUncaughtExceptionHandler());
    Thread.setDefaultUncaughtExceptionHandler(reporter);
    return reporter;
  }

  /** Restores the previous handler if this one is still installed. */
  public synchronized void uninstall() {
    synchronized (UncaughtExceptionReporter.class) {
      if (Thread.getDefaultUncaughtExceptionHandler() == this) {
        Thread.setDefaultUncaughtExceptionHandler(previous);
      }
    }
  }

  @Override
  public void uncaughtException(Thread thread, Throwable throwable) {
    try {
      if (!thread.getName().startsWith(SdkThreads.PREFIX)) {
        intake.report(throwable, Map.of());
      }
    } catch (Throwable ignored) {
      // Reporting must never change how the host handles its own failure: the previous handler runs.
    }
    if (previous != null) {
      previous.uncaughtException(thread, throwable);
    } else {
      System.err.print("Exception in thread \"" + thread.getName() + "\" ");
      throwable.printStackTrace(System.err);
    }
  }
}
