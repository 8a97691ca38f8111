package dev.pulse.client.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The config directory's one lock file, held for each read, change and write of the files CLI runs share
 * (the spools and the quiet), against this process's threads and other processes, so that two runs
 * exiting at once both keep what they wrote.
 */
final class DirectoryLock {

  /** The longest a run waits for another to finish with the directory's files. */
  static final Duration WAIT = Duration.ofSeconds(2);

  /** One monitor a lock file in this process: a file lock is the process's, not a thread's. */
  private static final Map<Path, Object> HELD_HERE = new ConcurrentHashMap<>();

  private DirectoryLock() {}

  /** What is done holding the lock. */
  interface Work<T> {
    T run() throws IOException;
  }

  /** Runs {@code work} holding {@code lockFile}; an IOException if another held it over {@link #WAIT}. */
  static <T> T holding(Path lockFile, Work<T> work) throws IOException {
    Path absolute = lockFile.toAbsolutePath();
    synchronized (HELD_HERE.computeIfAbsent(absolute, file -> new Object())) {
      try (FileChannel channel = FileChannel.open(absolute, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = acquire(channel)) {
        return work.run();
      }
    }
  }

  private static FileLock acquire(FileChannel channel) throws IOException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      FileLock lock = channel.tryLock();
      if (lock != null) {
        return lock;
      }
      if (System.nanoTime() > deadline) {
        throw new IOException("another process held the config directory's lock for over " + WAIT.toMillis() + " ms");
      }
      try {
        Thread.sleep(10); // another process's read-change-write takes milliseconds
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for the config directory's lock", e);
      }
    }
  }
}
