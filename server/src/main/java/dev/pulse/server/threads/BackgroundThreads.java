package dev.pulse.server.threads;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Threads for the server's background work, which no request waits on: applying the journal to
 * DuckDB, folding new records into the rollups, pruning. Each lowers its own CPU priority as it
 * starts, to Linux's {@code nice} {@value #NICE} (any user may lower a thread's priority; only
 * raising it takes privileges), so that on a busy machine the threads that answer requests, the
 * journal's writer and the garbage collector run first and the background work takes the gaps
 * (the tail latency this removes is measured in {@code docs/performance.md}). The background catches
 * up when the requests leave it room; the journal's backlog bound makes new requests wait before
 * the applier could fall behind for good.
 *
 * <p>Java's own {@link Thread#setPriority} does nothing on Linux unless the JVM is started with
 * {@code -XX:ThreadPriorityPolicy=1}, which every launcher would need and which prints a warning at
 * every start for a user other than root; hence the one C library call.
 *
 * <p>Where the OS does not allow it (not Linux, or the C library cannot be called), a thread keeps
 * the normal priority, as before, and says so in one line at debug level.
 */
public final class BackgroundThreads {

  /** The nice value a background thread asks for: the lowest priority there is. */
  public static final int NICE = 19;

  private static final Logger LOG = LoggerFactory.getLogger(BackgroundThreads.class);

  /** With a thread's id, Linux applies {@code setpriority(PRIO_PROCESS, ...)} to that thread alone. */
  private static final int PRIO_PROCESS = 0;

  /** Whether the current thread is one of these, whether or not the OS let it lower its priority. */
  private static final ThreadLocal<Boolean> BACKGROUND = ThreadLocal.withInitial(() -> false);

  private BackgroundThreads() {}

  /** A daemon thread, not started, that lowers its own priority and then runs {@code work}. */
  public static Thread newThread(Runnable work, String name) {
    Thread thread = new Thread(() -> {
      BACKGROUND.set(true);
      lowerCurrentThread();
      work.run();
    }, name);
    thread.setDaemon(true);
    return thread;
  }

  /** Whether the calling thread is a background thread (made here), which no request waits on. */
  public static boolean isCurrentThreadBackground() {
    return BACKGROUND.get();
  }

  /** A factory of such threads, each named {@code name}, for an executor. */
  public static ThreadFactory factory(String name) {
    return work -> newThread(work, name);
  }

  /** Lowers the calling thread's CPU priority; whether the OS let it. */
  static boolean lowerCurrentThread() {
    if (!System.getProperty("os.name", "").startsWith("Linux")) {
      LOG.debug("{} keeps the normal CPU priority: lowering one thread's is done on Linux only",
          Thread.currentThread().getName());
      return false;
    }
    try {
      if (LibC.INSTANCE.setpriority(PRIO_PROCESS, currentThreadId(), NICE) != 0) {
        LOG.debug("{} keeps the normal CPU priority: the kernel refused nice {}",
            Thread.currentThread().getName(), NICE);
        return false;
      }
      return true;
    } catch (IOException | RuntimeException | LinkageError e) {
      LOG.debug("{} keeps the normal CPU priority: {}", Thread.currentThread().getName(), e.getMessage());
      return false;
    }
  }

  /** The kernel's id of the calling thread: {@code /proc/thread-self} links to {@code PID/task/TID}. */
  static int currentThreadId() throws IOException {
    return Integer.parseInt(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString());
  }

  /** The one C library function this class calls. */
  private interface LibC extends Library {
    LibC INSTANCE = Native.load("c", LibC.class);

    int setpriority(int which, int who, int prio);
  }
}
