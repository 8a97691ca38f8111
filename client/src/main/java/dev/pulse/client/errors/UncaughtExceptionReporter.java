package dev.pulse.client.errors;

/**
 * A default uncaught-exception handler that reports the exception and then hands it to the handler
 * installed before it (or, when there was none, prints it like the JVM does). Exceptions on the SDK's
 * own threads are not reported.
 */
public final class UncaughtExceptionReporter implements Thread.UncaughtExceptionHandler {

  private final ErrorMapper mapper;
  private final ErrorSink sink;
  private final Thread.UncaughtExceptionHandler previous;

  private UncaughtExceptionReporter(
      ErrorMapper mapper, ErrorSink sink, Thread.UncaughtExceptionHandler previous) {
    this.mapper = mapper;
    this.sink = sink;
    this.previous = previous;
  }

  /** Installs a reporter as the default handler, chaining to the current one; returns it. */
  public static synchronized UncaughtExceptionReporter install(ErrorMapper mapper, ErrorSink sink) {
    UncaughtExceptionReporter reporter =
        new UncaughtExceptionReporter(mapper, sink, Thread.getDefaultUncaughtExceptionHandler());
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
        sink.accept(mapper.map(throwable));
      }
    } catch (RuntimeException | StackOverflowError ignored) {
      // Reporting must never change how the host handles its own failure.
    }
    if (previous != null) {
      previous.uncaughtException(thread, throwable);
    } else {
      System.err.print("Exception in thread \"" + thread.getName() + "\" ");
      throwable.printStackTrace(System.err);
    }
  }
}
