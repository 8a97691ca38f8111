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
  private volatile boolean uninstalled;

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

  /**
   * Restores the previous handler if this one is still installed, passing over reporters uninstalled
   * before it (instances closed in the order they were built); from now on, a reporter that chains to
   * this one passes over it too.
   */
  public synchronized void uninstall() {
    synchronized (UncaughtExceptionReporter.class) {
      uninstalled = true;
      if (Thread.getDefaultUncaughtExceptionHandler() == this) {
        Thread.setDefaultUncaughtExceptionHandler(stillInstalled(previous));
      }
    }
  }

  /** {@code handler}, or the first handler before it that is no uninstalled reporter. */
  private static Thread.UncaughtExceptionHandler stillInstalled(Thread.UncaughtExceptionHandler handler) {
    Thread.UncaughtExceptionHandler next = handler;
    while (next instanceof UncaughtExceptionReporter reporter && reporter.uninstalled) {
      next = reporter.previous;
    }
    return next;
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
    Thread.UncaughtExceptionHandler next = stillInstalled(previous);
    if (next != null) {
      next.uncaughtException(thread, throwable);
    } else {
      System.err.print("Exception in thread \"" + thread.getName() + "\" ");
      throwable.printStackTrace(System.err);
    }
  }
}
