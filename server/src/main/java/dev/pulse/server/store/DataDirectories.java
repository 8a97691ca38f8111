package dev.pulse.server.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * A data dir holds every record, the context key and the admin token's hash: one this server makes
 * is its owner's only (0700, whatever the umask, where the file system has POSIX permissions), and
 * an existing one that other users may write to is worth a warning (one of them could replace the
 * token's hash and sign in as admin), as is one they may enter (they could read the records).
 */
public final class DataDirectories {

  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

  private DataDirectories() {}

  /** Makes {@code dir} (and its missing parents, as the umask says) unless it is a directory already. */
  public static void create(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Path parent = dir.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try {
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    } catch (UnsupportedOperationException e) {
      Files.createDirectory(dir); // no POSIX permissions here (Windows): the file system's own rules
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(dir)) {
        throw e; // a file in the way
      }
    }
  }

  /** Whether users other than its owner and group may write to {@code dir} (false where that cannot be told). */
  public static boolean othersMayWrite(Path dir) {
    return othersMay(dir, PosixFilePermission.OTHERS_WRITE);
  }

  /**
   * Whether users other than its owner and group may enter {@code dir}, and so read the store's files
   * in it, which DuckDB makes as the umask says (false where that cannot be told).
   */
  public static boolean othersMayEnter(Path dir) {
    return othersMay(dir, PosixFilePermission.OTHERS_EXECUTE);
  }

  private static boolean othersMay(Path dir, PosixFilePermission permission) {
    try {
      return Files.getPosixFilePermissions(dir).contains(permission);
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }
}
