package dev.pulse.server.store.duckdb;

import dev.pulse.server.store.DataDirInUseException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A process's hold on an embedded store's data dir: an OS lock on {@value #FILE_NAME} in it, held
 * for as long as the store is open, with the holder's PID in the file.
 *
 * <p>Why not DuckDB's own lock: it is on {@code pulse.duckdb} and follows that file. An operator who
 * moved the file away (as a restore into that dir asks) left the dir free, and a restore put another
 * store in place while the server went on writing into the moved file: records acknowledged then
 * were lost to the restored store. This lock stays with the dir, whatever is moved out of it.
 *
 * <p>Within one JVM a data dir is held once and shared (counted): the OS's locks belong to a process,
 * and closing a second channel on the same file would release the first one's lock. A restore holds
 * the dir while it puts the file in place and opens it as a store.
 */
final class DataDirLock implements AutoCloseable {

  /** The lock file's name in the data dir; it stays there when released. */
  static final String FILE_NAME = "pulse.lock";

  /** The locks this JVM holds, by the lock file's identity (device and inode). */
  private static final Map<Object, Held> HELD = new HashMap<>();

  private final Object key;
  private boolean closed;

  private DataDirLock(Object key) {
    this.key = key;
  }

  /**
   * Holds {@code dataDir}, which must exist.
   *
   * @throws DataDirInUseException when another process holds it
   * @throws IOException when the lock file cannot be made or locked (no permission, a read-only disk)
   */
  static DataDirLock acquire(Path dataDir) throws IOException {
    Path file = dataDir.resolve(FILE_NAME);
    synchronized (HELD) {
      if (Files.exists(file)) {
        Object known = key(file);
        Held held = HELD.get(known);
        if (held != null) {
          held.count++;
          return new DataDirLock(known);
        }
      }
      FileChannel channel;
      try {
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      } catch (AccessDeniedException e) {
        throw new AccessDeniedException(file.toString(), null, "permission denied"); // the JDK's names the file only
      }
      try {
        FileLock lock = channel.tryLock();
        if (lock == null) { // another process holds it
          throw new DataDirInUseException(dataDir, holder(channel));
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        Object key = key(file);
        HELD.put(key, new Held(channel));
        return new DataDirLock(key);
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
    }
  }

  /** Lets the dir go once every holder in this JVM has; the file stays (deleting it would race). */
  @Override
  public void close() {
    synchronized (HELD) {
      if (closed) {
        return;
      }
      closed = true;
      Held held = HELD.get(key);
      if (held == null || --held.count > 0) {
        return;
      }
      HELD.remove(key);
      try {
        held.channel.close(); // releases the lock
      } catch (IOException e) {
        // The lock goes with the process at the latest.
      }
    }
  }

  /** The file's identity, so that one dir reached by two paths is held once. */
  private static Object key(Path file) throws IOException {
    Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    return key != null ? key : file.toRealPath();
  }

  /** The PID the holder wrote, when it did. */
  private static OptionalLong holder(FileChannel channel) {
    try {
      ByteBuffer buffer = ByteBuffer.allocate(32);
      channel.read(buffer, 0);
      return OptionalLong.of(Long.parseLong(new String(buffer.array(), 0, buffer.position(),
          StandardCharsets.US_ASCII).strip()));
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** A lock this JVM holds: its channel (closing it releases the lock) and how many hold it. */
  private static final class Held {
    private final FileChannel channel;
    private int count = 1;

    Held(FileChannel channel) {
      this.channel = channel;
    }
  }
}
