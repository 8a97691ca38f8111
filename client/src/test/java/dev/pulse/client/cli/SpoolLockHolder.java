package dev.pulse.client.cli;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Another process holding a spool's lock file, as a second run of a CLI would: prints {@code held}
 * once it has the lock and keeps it until its standard input closes.
 */
final class SpoolLockHolder {

  private SpoolLockHolder() {}

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
