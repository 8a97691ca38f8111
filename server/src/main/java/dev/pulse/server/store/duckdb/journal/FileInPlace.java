package dev.pulse.server.store.duckdb.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * A file that must stay where the store opened it. A data dir moved or deleted while the server runs
 * (an operator's {@code mv} or {@code rm -rf}, a cleaner of temporary files) leaves the server writing
 * to open files that no restart will find: what is appended to them is on disk, but lost to the store.
 * The {@link Journal} asks after every sync, before anything is acknowledged.
 */
final class FileInPlace {

  private final Path path;
  /** The file's identity (device and inode on Linux); null where the file system has none. */
  private final Object key;

  private FileInPlace(Path path, Object key) {
    this.path = path;
    this.key = key;
  }

  /** The file now at {@code path}, whose identity later checks compare with. */
  static FileInPlace of(Path path) throws IOException {
    return new FileInPlace(path, Files.readAttributes(path, BasicFileAttributes.class).fileKey());
  }

  /**
   * Null while {@code first} and {@code others} are all in place, else a message naming the first that
   * is not, what became of it and what to do.
   */
  static String firstMoved(FileInPlace first, List<FileInPlace> others) {
    String moved = first.moved();
    for (int i = 0; moved == null && i < others.size(); i++) {
      moved = others.get(i).moved();
    }
    return moved;
  }

  /**
   * Null while the file is still at its path, else what became of it ("was moved or deleted", "was
   * replaced by another file") and what to do. A check that fails otherwise (a permission taken away)
   * counts as in place: the open file is still written, and the next start says what is wrong.
   */
  private String moved() {
    String fate;
    try {
      Object now = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
      fate = key == null || key.equals(now) ? null : "was replaced by another file";
    } catch (NoSuchFileException e) {
      fate = "was moved or deleted";
    } catch (IOException e) {
      fate = null;
    }
    return fate == null ? null : path + " " + fate + " while the server ran: nothing more is acknowledged, since a"
        + " restart would not find it. Put the data dir's files back where they were and restart the server";
  }
}
