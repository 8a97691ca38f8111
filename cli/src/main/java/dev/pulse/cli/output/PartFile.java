package dev.pulse.cli.output;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * A file that {@code pulse export -o} or {@code pulse backup -o} writes beside its place under a hidden
 * name, {@code .NAME.pulse-DIGITS.part}, and puts in place, flushed to disk, only once it is whole.
 *
 * <p>A run stopped by a signal ({@code SIGTERM}, Ctrl-C) deletes its part file on the way out. A run
 * killed outright ({@code SIGKILL}, a pod's memory limit, a lost node) cannot, so the next one writing
 * into the same directory deletes such leftovers: the part files that no live process holds (and the
 * {@code .new} file of a run killed in the instant before it locked it, once a minute old). A writer
 * holds a lock on its part file for as long as it writes it (DuckDB, copying a store into one, holds
 * its own), so a run never deletes another's file in progress.
 */
public final class PartFile implements AutoCloseable {

  private static final String MARK = ".pulse-";
  /** Exports and backups hold the store's records: readable by their owner alone, whatever the umask. */
  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
  private static final Pattern LEFTOVER = Pattern.compile("\\..+\\.pulse-\\d+\\.(part|new)");
  /** A new file is renamed within microseconds of its creation: one older than this was left by a kill. */
  private static final Duration NEW_FILE_AGE = Duration.ofMinutes(1);

  private final Path path;
  private final FileChannel channel;
  private final Thread onExit;
  private boolean finished;

  private PartFile(Path path, FileChannel channel, Thread onExit) {
    this.path = path;
    this.channel = channel;
    this.onExit = onExit;
  }

  /**
   * The hook that deletes a part file (under each name it takes) when the JVM ends: in place before
   * the file exists, so that a stop in the instant after it appears still removes it.
   */
  private static Thread deletedAtExit(Path... names) {
    Thread onExit = new Thread(() -> {
      for (Path name : names) {
        deleteQuietly(name);
      }
    }, "pulse-part-file-cleanup");
    Runtime.getRuntime().addShutdownHook(onExit);
    return onExit;
  }

  /**
   * A new part file beside {@code target}, created and locked by this process, once the leftovers of
   * killed runs in that directory are deleted. Write it through {@link #output()}.
   */
  public static PartFile create(Path target) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    deleteLeftovers(dir);
    // Created under a name no cleanup looks at, locked, then renamed: a part file is never unlocked while written.
    String name = uniqueName(target);
    Path fresh = dir.resolve(name + ".new");
    Path part = dir.resolve(name + ".part");
    Thread onExit = deletedAtExit(fresh, part);
    FileChannel channel = null;
    try {
      channel = ownerOnly(dir)
          ? FileChannel.open(fresh, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), OWNER_ONLY)
          : FileChannel.open(fresh, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      lockIfSupported(channel);
      Files.move(fresh, part, StandardCopyOption.ATOMIC_MOVE);
      return new PartFile(part, channel, onExit);
    } catch (IOException | RuntimeException e) {
      if (channel != null) {
        channel.close();
      }
      Files.deleteIfExists(fresh);
      removeHook(onExit);
      throw e;
    }
  }

  /** Some network file systems have no locks: they refuse every process's alike, and none deletes the file. */
  private static void lockIfSupported(FileChannel channel) {
    try {
      channel.lock();
    } catch (IOException unsupported) {
      // Written unlocked: another run's tryLock fails the same way, and it leaves the file alone.
    }
  }

  /**
   * The name of a part file beside {@code target} for a writer that creates and locks the file itself
   * (DuckDB copying a store), once the leftovers in that directory are deleted; nothing is created.
   */
  public static PartFile reserve(Path target) {
    Path dir = target.toAbsolutePath().getParent();
    deleteLeftovers(dir);
    Path part = dir.resolve(uniqueName(target) + ".part");
    return new PartFile(part, null, deletedAtExit(part));
  }

  private static boolean ownerOnly(Path dir) throws IOException {
    return Files.getFileStore(dir).supportsFileAttributeView("posix");
  }

  /** {@code .NAME.pulse-DIGITS}, without its suffix. */
  private static String uniqueName(Path target) {
    return "." + target.getFileName() + MARK + ThreadLocalRandom.current().nextLong(Long.MAX_VALUE);
  }

  /** Where the part file is. */
  public Path path() {
    return path;
  }

  /**
   * The part file as a stream (of {@link #create}'s); closing the stream flushes it but keeps the file
   * open and locked until {@link #commit} or {@link #close}.
   */
  public OutputStream output() {
    return new FilterOutputStream(Channels.newOutputStream(channel)) {
      @Override
      public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
      }

      @Override
      public void close() throws IOException {
        flush();
      }
    };
  }

  /**
   * Flushes the part file to disk and renames it to {@code target}, replacing a file there. One another
   * writer created ({@link #reserve}'s, DuckDB's, under the umask) is made its owner's alone first, as
   * {@link #create}'s is from the start.
   */
  public void commit(Path target) throws IOException {
    if (channel != null) {
      channel.force(true);
    } else {
      if (ownerOnly(path.getParent())) {
        Files.setPosixFilePermissions(path, OWNER_ONLY.value());
      }
      try (FileChannel written = FileChannel.open(path, StandardOpenOption.WRITE)) {
        written.force(true);
      }
    }
    Files.move(path, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    finish();
  }

  /** Without {@link #commit}: the part file, and a WAL DuckDB may have left beside it, are deleted. */
  @Override
  public void close() throws IOException {
    if (!finished) {
      finish();
      Files.deleteIfExists(path);
      Files.deleteIfExists(wal(path));
    }
  }

  private void finish() throws IOException {
    finished = true;
    removeHook(onExit);
    if (channel != null) {
      channel.close(); // releases the lock
    }
  }

  /**
   * Deletes the part files in {@code dir} that no live process holds, and the files a run killed
   * before it could lock its part file left (older than a minute); best effort.
   */
  static void deleteLeftovers(Path dir) {
    try (DirectoryStream<Path> parts = Files.newDirectoryStream(dir, ".*" + MARK + "*")) {
      for (Path part : parts) {
        String name = part.getFileName().toString();
        if (!LEFTOVER.matcher(name).matches()) {
          continue;
        }
        try {
          if (name.endsWith(".part")
              || Files.getLastModifiedTime(part).toInstant().isBefore(Instant.now().minus(NEW_FILE_AGE))) {
            deleteIfUnheld(part);
          }
        } catch (IOException gone) {
          // Renamed or deleted meanwhile by its owner.
        }
      }
    } catch (IOException e) {
      // A directory that cannot be listed fails the write itself, with its own message.
    }
  }

  private static void deleteIfUnheld(Path part) {
    try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      if (lock != null) {
        Files.deleteIfExists(part);
        Files.deleteIfExists(wal(part));
      }
    } catch (IOException | OverlappingFileLockException e) {
      // Someone else's to delete, or a file system without locks: left as it is.
    }
  }

  private static Path wal(Path part) {
    return part.resolveSibling(part.getFileName() + ".wal");
  }

  private static void removeHook(Thread onExit) {
    try {
      Runtime.getRuntime().removeShutdownHook(onExit);
    } catch (IllegalStateException exiting) {
      // The hook runs or ran already.
    }
  }

  private static void deleteQuietly(Path part) {
    try {
      Files.deleteIfExists(part);
      Files.deleteIfExists(wal(part));
    } catch (IOException ignored) {
      // The process is exiting; a leftover is deleted by the next run.
    }
  }
}
