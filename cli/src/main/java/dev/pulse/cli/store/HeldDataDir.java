package dev.pulse.cli.store;

import dev.pulse.cli.failure.CliFailure;
import dev.pulse.server.store.DataDirInUseException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;

/**
 * Whether another process holds a data dir, asked before a command checks anything else of it: a dir a
 * running server holds is refused first, whatever else would be wrong with what was given for it.
 */
public final class HeldDataDir {

  /** The store's lock file in its data dir, as the server names it; its holder's PID is in it. */
  static final String LOCK_FILE = "pulse.lock";

  private HeldDataDir() {}

  /**
   * Refuses {@code dataDir} when another process holds it, in the words of {@link LocalStore#describe}
   * with {@code advice}; a dir without a lock file, or one this user may not lock, is left to the command.
   */
  public static void refuseIfHeld(Path dataDir, String advice) {
    Path file = dataDir.resolve(LOCK_FILE);
    if (!Files.isRegularFile(file)) {
      return;
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      if (lock != null) {
        lock.release(); // free: the command takes it itself
        return;
      }
      DataDirInUseException held = new DataDirInUseException(dataDir, holder(channel));
      throw CliFailure.failure(LocalStore.describe(held, dataDir, advice), held);
    } catch (IOException cannotAsk) {
      // no permission, a read-only disk: the command says so when it opens the store
    }
  }

  private static OptionalLong holder(FileChannel channel) throws IOException {
    ByteBuffer text = ByteBuffer.allocate(32);
    channel.read(text, 0);
    String line = new String(text.array(), 0, text.position(), StandardCharsets.US_ASCII).strip();
    try {
      return OptionalLong.of(Long.parseLong(line));
    } catch (NumberFormatException unknown) {
      return OptionalLong.empty();
    }
  }
}
