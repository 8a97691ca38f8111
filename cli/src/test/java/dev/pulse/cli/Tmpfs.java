package dev.pulse.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A small real tmpfs, to fill up: mounting one needs root. Without it the test is skipped, except under
 * {@code CI=true} (CI runs as root), where it fails.
 */
final class Tmpfs implements AutoCloseable {

  private final Path dir;

  private Tmpfs(Path dir) {
    this.dir = dir;
  }

  /** Mounts a tmpfs of {@code megabytes} on {@code dir} (created), or skips the test. */
  public static Tmpfs mount(Path dir, int megabytes) throws IOException, InterruptedException {
    return mount(dir, megabytes, "");
  }

  /** As {@link #mount(Path, int)}, with more mount options ({@code ",noexec"}). */
  public static Tmpfs mount(Path dir, int megabytes, String options) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    String problem = run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m" + options, "tmpfs", dir.toString());
    if (problem != null) {
      String message = "these tests mount a tmpfs, which needs root: " + problem;
      if ("true".equals(System.getenv("CI"))) {
        fail(message);
      }
      Assumptions.abort(message);
    }
    return new Tmpfs(dir);
  }

  public Path dir() {
    return dir;
  }

  /** Writes {@code name} until the disk is full; returns its size. */
  public long fill(String name) throws IOException {
    byte[] block = new byte[64 << 10];
    long written = 0;
    try (OutputStream out = Files.newOutputStream(dir.resolve(name))) {
      for (int i = 0; i < 1 << 20; i++) {
        out.write(block);
        written += block.length;
      }
    } catch (IOException e) {
      if (!String.valueOf(e.getMessage()).contains("No space left")) {
        throw e;
      }
      return written;
    }
    throw new IllegalStateException("the tmpfs at " + dir + " did not fill up");
  }

  /**
   * Fills the disk with {@code filler} but about {@code bytes} (a file of that size written first, then
   * freed), so that the next writes have that much room and no more; delete {@code filler} to give it back.
   */
  public void fillLeaving(String filler, int bytes) throws IOException {
    reserve("slack", bytes);
    fill(filler);
    delete("slack");
  }

  /** Writes a file of {@code bytes}, to free later. */
  public void reserve(String name, int bytes) throws IOException {
    Files.write(dir.resolve(name), new byte[bytes]);
  }

  public void delete(String name) throws IOException {
    Files.delete(dir.resolve(name));
  }

  /** Mounts it again read-only, as a disk whose file system went read-only (an fstab's ro, an ext4 error). */
  public void remountReadOnly() throws IOException, InterruptedException {
    String problem = run("mount", "-o", "remount,ro", dir.toString());
    if (problem != null) {
      throw new IOException("cannot remount " + dir + " read-only: " + problem);
    }
  }

  /** Unmounts (lazily, should a file still be open). */
  @Override
  public void close() throws IOException, InterruptedException {
    String problem = run("umount", "-l", dir.toString());
    if (problem != null) {
      throw new IOException("cannot unmount " + dir + ": " + problem);
    }
  }

  /** Runs a command; null when it succeeded, else what went wrong. */
  private static String run(String... command) throws IOException, InterruptedException {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      return e.getMessage();
    }
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return String.join(" ", command) + " did not finish within 30 s";
    }
    String output = new String(process.getInputStream().readAllBytes()).trim();
    return process.exitValue() == 0 ? null : String.join(" ", command) + ": " + output;
  }
}
