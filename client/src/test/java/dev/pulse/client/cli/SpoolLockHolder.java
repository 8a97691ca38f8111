package dev.pulse.client.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * Another process holding the config directory's lock file, as a second run of a CLI would: prints
 * {@code held} once it has the lock and keeps it until its standard input closes.
 */
final class SpoolLockHolder implements AutoCloseable {

  private final Process process;

  private SpoolLockHolder(Process process) {
    this.process = process;
  }

  /** Starts the other process on {@code lockFile} and returns once it holds the lock. */
  static SpoolLockHolder holding(Path lockFile) throws IOException {
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), SpoolLockHolder.class.getName(), lockFile.toString())
        .redirectErrorStream(true).start();
    SpoolLockHolder holder = new SpoolLockHolder(process);
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String first = out.readLine();
    if (!"held".equals(first)) {
      holder.close();
      throw new IllegalStateException("the lock holder did not take the lock: " + first);
    }
    return holder;
  }

  /** Lets the lock go and waits for the process to end. */
  @Override
  public void close() throws IOException {
    process.getOutputStream().close();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("the lock holder did not end");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  public static void main(String[] args) throws Exception {
    try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.lock()) {
      System.out.println("held");
      System.out.flush();
      while (System.in.read() >= 0) {
        // until the test closes this process's standard input
      }
    }
  }
}
