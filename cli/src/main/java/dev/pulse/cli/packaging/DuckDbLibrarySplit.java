package dev.pulse.cli.packaging;

import dev.pulse.cli.failure.CliFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Takes DuckDB's JNI library out of a jar, as a distribution package installs it: the jar is copied
 * without any platform's library, and this machine's is written as {@code libduckdb_java.so}. DuckDB's
 * driver loads the library from its jar when the jar holds one, which means copying 57 MB into the
 * temporary directory at every start (and leaving it there when the process is killed); when the jar
 * holds none, it loads {@code libduckdb_java.so} from {@code java.library.path}.
 *
 * <p>The container image runs this once, at build time, with the image's own JRE, and so does the
 * systemd install (docs/deploy.md):
 * {@code java -cp pulse.jar dev.pulse.cli.packaging.DuckDbLibrarySplit pulse.jar OUT.jar LIB_DIR}.
 */
public final class DuckDbLibrarySplit {

  /** The name the driver's jar gives a platform's library: this, then e.g. {@code linux_amd64}. */
  public static final String ENTRY_PREFIX = "libduckdb_java.so_";

  /** The file name {@code System.loadLibrary("duckdb_java")} looks for on Linux. */
  public static final String LIBRARY_FILE = "libduckdb_java.so";

  private DuckDbLibrarySplit() {}

  /**
   * Runs the split for the image build: exit 0 once done, 2 on a wrong argument, 1 when the jar holds no
   * library for this machine or cannot be read.
   */
  public static void main(String[] args) {
    if (args.length != 3) {
      System.err.println("usage: java -cp pulse.jar " + DuckDbLibrarySplit.class.getName()
          + " JAR OUT_JAR LIB_DIR (the jar without DuckDB's libraries, and this machine's in LIB_DIR)");
      System.exit(2);
    }
    Optional<String> entry = entryForThisMachine();
    if (entry.isEmpty()) {
      System.err.println("DuckDB ships a Linux library for amd64 and arm64 only; this machine is "
          + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
      System.exit(1);
    }
    Path lib = Path.of(args[2]).resolve(LIBRARY_FILE);
    try {
      Files.createDirectories(lib.getParent());
      if (!split(Path.of(args[0]), entry.get(), Path.of(args[1]), lib)) {
        System.err.println(args[0] + " holds no " + entry.get() + ": build it for this platform"
            + " (-Dduckdb.platform=" + entry.get().substring(ENTRY_PREFIX.length()) + ") or for all of them");
        System.exit(1);
      }
    } catch (IOException | UncheckedIOException e) {
      Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
      System.err.println("splitting DuckDB's library out of " + args[0] + " failed: " + CliFailure.firstLine(cause));
      System.exit(1);
    }
  }

  /** The jar entry of this machine's library, on the Linux platforms DuckDB ships one for. */
  public static Optional<String> entryForThisMachine() {
    if (!System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("linux")) {
      return Optional.empty();
    }
    return switch (System.getProperty("os.arch").toLowerCase(Locale.ROOT)) {
      case "amd64", "x86_64" -> Optional.of(ENTRY_PREFIX + "linux_amd64");
      case "aarch64", "arm64" -> Optional.of(ENTRY_PREFIX + "linux_arm64");
      default -> Optional.empty();
    };
  }

  /**
   * Copies {@code jar} to {@code classes} without any entry named {@link #ENTRY_PREFIX}*, and its
   * {@code entry} to {@code library}. Returns false, writing neither, when the jar holds no such entry.
   * A split that fails midway leaves neither file either (the library is put in place only once the
   * jar is whole), so that no half-made jar or library is taken for one.
   */
  public static boolean split(Path jar, String entry, Path classes, Path library) throws IOException {
    Path partial = library.resolveSibling(library.getFileName() + ".part");
    boolean found = false;
    try {
      found = copy(jar, entry, classes, partial);
      if (found) {
        Files.move(partial, library, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
      return found;
    } catch (IOException | RuntimeException e) {
      found = false;
      throw e;
    } finally {
      Files.deleteIfExists(partial);
      if (!found) {
        Files.deleteIfExists(classes);
      }
    }
  }

  private static boolean copy(Path jar, String entry, Path classes, Path library) throws IOException {
    boolean found = false;
    try (ZipFile zip = new ZipFile(jar.toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(classes))) {
      for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
        ZipEntry next = all.nextElement();
        if (next.getName().equals(entry)) {
          try (InputStream in = zip.getInputStream(next)) {
            Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
          }
          found = true;
        } else if (!next.getName().startsWith(ENTRY_PREFIX)) {
          ZipEntry copy = new ZipEntry(next.getName());
          copy.setTime(next.getTime());
          out.putNextEntry(copy);
          try (InputStream in = zip.getInputStream(next)) {
            in.transferTo(out);
          }
          out.closeEntry();
        }
      }
    }
    return found;
  }
}
