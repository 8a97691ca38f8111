package dev.pulse.client.http;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.pulse.client.threads.SdkThreads;

/**
 * A JDK {@link HttpClient} whose threads the SDK owns and stops: its executor is the SDK's own (daemon
 * threads named {@code pulse-telemetry-http-N}), and {@link #close} stops that executor and the
 * client's selector thread, then waits for both to end.
 *
 * <p>Why the selector thread is interrupted: {@code HttpClient.close()} and {@code shutdownNow()} exist
 * only from JDK 21 (this SDK targets 17), and without them the JDK's {@code HttpClient-N-SelectorManager}
 * thread lives until the client is garbage collected. The JDK names that thread after the client's id,
 * which the client's {@code toString()} ends with ("...(N)"), and the thread ends its loop when
 * interrupted, aborting what is still in flight. When the id cannot be read (another JDK), the thread
 * is left to end with the client, as before. Not thread-safe: used by one thread, closed once.
 */
public final class OwnedHttpClient {

  private static final Pattern CLIENT_ID = Pattern.compile("\\((\\d+)\\)$");
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final ExecutorService executor;
  private final HttpClient client;
  private final Thread selector;

  private OwnedHttpClient(ExecutorService executor, HttpClient client, Thread selector) {
    this.executor = executor;
    this.client = client;
    this.selector = selector;
  }

  /**
   * Refuses a Java runtime without the {@code java.net.http} module (a jlink image made without it),
   * where the first send would fail on a missing class.
   *
   * @throws IllegalStateException saying so and how to add the module
   */
  public static void requireJdkClient() {
    try {
      Class.forName("java.net.http.HttpClient", false, OwnedHttpClient.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalStateException("this Java runtime has no java.net.http module, which it sends with"
          + " (a jlink image made without it): add the module, jlink --add-modules java.net.http,...");
    }
  }

  /** Builds the client from {@code builder} with the SDK's own executor. */
  public static OwnedHttpClient build(HttpClient.Builder builder) {
    ExecutorService executor = Executors.newCachedThreadPool(task -> {
      Thread t = new Thread(task, SdkThreads.PREFIX + "-http-" + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    HttpClient client;
    try {
      client = builder.executor(executor).build();
    } catch (RuntimeException e) {
      executor.shutdownNow();
      throw e;
    }
    return new OwnedHttpClient(executor, client, selectorOf(client));
  }

  /** The client. */
  public HttpClient client() {
    return client;
  }

  /** Whether the client's selector thread was found (so {@link #close} can stop it). */
  public boolean selectorKnown() {
    return selector != null;
  }

  /**
   * Stops the executor and the selector thread (aborting requests in flight) and waits up to {@code
   * wait} for them to end. Never throws.
   *
   * @return true when every thread of this client has ended
   */
  public boolean close(Duration wait) {
    long end = System.nanoTime() + wait.toNanos();
    try {
      // The selector first: ending, it aborts what is in flight on the executor, still open for that.
      if (selector != null) {
        selector.interrupt();
        selector.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()) / 2));
      }
      executor.shutdownNow();
      boolean stopped = executor.awaitTermination(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
      return stopped && (selector == null || !selector.isAlive());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      executor.shutdownNow();
      return false;
    }
  }

  private static Thread selectorOf(HttpClient client) {
    Matcher id = CLIENT_ID.matcher(String.valueOf(client));
    if (!id.find()) {
      return null;
    }
    String name = "HttpClient-" + id.group(1) + "-SelectorManager";
    try {
      ThreadGroup root = Thread.currentThread().getThreadGroup();
      while (root.getParent() != null) {
        root = root.getParent();
      }
      Thread[] threads = new Thread[root.activeCount() + 16];
      int n = root.enumerate(threads, true);
      for (int i = 0; i < n; i++) {
        if (name.equals(threads[i].getName())) {
          return threads[i];
        }
      }
    } catch (RuntimeException e) {
      // A security manager may refuse the walk: the thread then ends with the client.
    }
    return null;
  }
}
