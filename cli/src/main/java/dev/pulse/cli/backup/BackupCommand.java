package dev.pulse.cli.backup;

import dev.pulse.cli.output.PartFile;
import dev.pulse.cli.failure.CliFailure;
import dev.pulse.cli.access.ServerAnswer;
import dev.pulse.cli.access.Target;
import dev.pulse.cli.store.StoreChoice;
import dev.pulse.server.backup.BackupEndpoint;
import dev.pulse.server.store.FileBackup;
import dev.pulse.server.store.Storage;
import dev.pulse.server.store.StoreLocation;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.http.HttpResponse;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pulse backup}: a consistent copy of the embedded store's database file, from a running
 * server ({@code POST /api/v1/backup}) or from the data dir of a stopped one. A file is written beside
 * {@code --output} first and renamed once complete and on disk, so a failed backup leaves nothing that
 * looks like one; {@code -o -} writes to standard output (to pipe it elsewhere), as does a pipe or a
 * device given as {@code -o}, and a failed write says the output is incomplete. An {@code -o} that
 * cannot be written is a usage mistake told before the server is asked or the store opened.
 */
@Command(
    name = "backup",
    description = {
      "Writes a consistent copy of the embedded store's database file, rollups included, from a running"
          + " server (--server; nothing stops) or from a stopped server's data dir.",
      "Restore it with `pulse restore`, for a server with the same context key. PostgreSQL is backed up"
          + " with its own tools (pg_dump).",
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  pulse backup --server http://localhost:8080 -o pulse-backup.duckdb",
      "  pulse backup --server http://localhost:8080 -o - | gzip > backup.duckdb.gz"
    })
public final class BackupCommand implements Callable<Integer> {

  private static final String STDOUT = "-";

  @Spec CommandSpec spec;
  @Mixin Target target;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
      description = "The file to write; it must not exist (a backup never overwrites one). - for standard output;"
          + " a pipe or a device, e.g. >(gzip > backup.duckdb.gz), takes the backup as a stream.")
  Path output;

  /** What to do about a PostgreSQL store, which has no file of its own to copy. */
  private String postgresAdvice() {
    return StoreChoice.sourceOf(spec) + " names PostgreSQL, which has no file to copy: back it up with PostgreSQL's"
        + " tools (pg_dump; docs/operations.md, Backups)";
  }

  @Override
  public Integer call() throws Exception {
    // Told from the store URL alone, before -o is looked at or the database asked.
    if (!target.isRemote() && target.location() instanceof StoreLocation.Postgres) {
      throw CliFailure.usage(postgresAdvice());
    }
    long started = System.nanoTime();
    boolean toStdout = STDOUT.equals(output.toString());
    Path file = output.toAbsolutePath();
    // A pipe or a device given as -o (>(gzip > b.gz), /dev/stdout) takes the backup as a stream, as -o - does.
    boolean streamed = toStdout || Files.exists(file) && !Files.isRegularFile(file) && !Files.isDirectory(file);
    long bytes;
    if (toStdout) {
      // Raw: a failed write is seen, not swallowed.
      bytes = toStream(new FileOutputStream(FileDescriptor.out), "standard output");
    } else if (streamed) {
      try (OutputStream stream = openStream(file)) { // opened first: one that cannot be is told before anything is read
        bytes = toStream(stream, file.toString());
      }
    } else {
      bytes = toFile(file);
    }
    if (!target.isRemote()) {
      // As a server records the backups it sends: its alert on stopped backups counts this one too.
      BackupEndpoint.recordBackupOf(storeDir(), Instant.now());
    }
    String from = target.isRemote() ? "the server at " + target.server() : "the store in " + storeDir();
    // Written as a stream, the output may be standard output itself (/dev/stdout): the line goes to standard error.
    PrintWriter say = streamed ? spec.commandLine().getErr() : spec.commandLine().getOut();
    say.printf(Locale.ROOT, "backed up %s to %s (%.1f MB) in %.1f s; restore it with pulse restore, for a"
        + " server with the same context key%n", from, toStdout ? "standard output" : file,
        bytes / 1e6, (System.nanoTime() - started) / 1e9);
    say.flush();
    return 0;
  }

  /** The data dir of the embedded store backed up (a PostgreSQL store was refused before). */
  private Path storeDir() {
    return ((StoreLocation.DuckDb) target.location()).dataDir();
  }

  private long toFile(Path file) throws IOException, InterruptedException {
    if (Files.isDirectory(file)) {
      throw CliFailure.usage(file + " is a directory: give --output the name of a new file in it, such as "
          + file.resolve("pulse-backup.duckdb"));
    }
    if (Files.exists(file)) {
      throw CliFailure.usage(file + " exists: give --output a new file (a backup never overwrites one)");
    }
    Path dir = file.getParent();
    if (!Files.isDirectory(dir)) {
      throw CliFailure.usage("cannot write " + file + ": " + (Files.exists(dir) ? dir + " is not a directory;"
          : "its directory " + dir + " does not exist; create it, or") + " give --output a file in a directory you"
          + " may write to");
    }
    if (target.isRemote()) {
      // The part file first: an -o that cannot be created is told before the server copies its store.
      try (PartFile part = createPart(file); InputStream in = backupAnswer().body()) {
        long bytes = copy(in, part.output(), part.path().toString());
        commit(part, file);
        return bytes;
      }
    }
    // DuckDB creates the copy's file itself: that the directory takes one is tried here, before the store is opened.
    createPart(file).close();
    try (PartFile part = PartFile.reserve(file)) { // named for DuckDB to create
      // DuckDB creates the file, and holds it while it writes.
      long bytes = copyStore(part.path(), ": free some space there, or give --output a file on another disk");
      commit(part, file);
      return bytes;
    }
  }

  /** The backup as a stream into {@code out}: standard output, or a pipe or a device given as -o. */
  private long toStream(OutputStream out, String where) throws IOException, InterruptedException {
    if (target.isRemote()) {
      try (InputStream in = backupAnswer().body()) {
        return copy(in, out, where);
      }
    }
    // As the server does: the copy goes into the data dir first, and a server starting there deletes a leftover.
    Path copy = BackupEndpoint.inProgressCopy(storeDir());
    try {
      copyStore(copy, "; with -o - the copy is made in the data dir first: free some space there, or give --output"
          + " a file on another disk");
      try (InputStream in = Files.newInputStream(copy)) {
        return copy(in, out, where);
      }
    } finally {
      Files.deleteIfExists(copy);
    }
  }

  /** A pipe or a device given as -o, opened to write; one that cannot be is a usage mistake. */
  private static OutputStream openStream(Path file) {
    try {
      return Files.newOutputStream(file, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw cannotWrite(file, e);
    }
  }

  /** Copies the store of the data dir into {@code file}; a disk without room for it is told with {@code advice}. */
  private long copyStore(Path file, String advice) {
    try (Storage storage = target.openStorage()) {
      FileBackup backup = storage.backup().orElseThrow(() -> CliFailure.usage(postgresAdvice()));
      try {
        return backup.writeTo(file);
      } catch (FileBackup.NotEnoughDiskException e) {
        throw CliFailure.failure(e.getMessage() + advice, e);
      }
    }
  }

  /** Copies the backup; a failed read is the source's, a failed write is {@code where}'s. */
  private static long copy(InputStream in, OutputStream out, String where) {
    long bytes = 0;
    byte[] buffer = new byte[1 << 16];
    while (true) {
      int n;
      try {
        n = in.read(buffer);
      } catch (IOException e) {
        throw CliFailure.failure("the backup stopped coming before its end (" + CliFailure.firstLine(e)
            + "); the output is incomplete: run it again", e);
      }
      if (n < 0) {
        break;
      }
      try {
        out.write(buffer, 0, n);
      } catch (IOException e) {
        throw CliFailure.failure("writing the backup to " + where + " failed (" + CliFailure.firstLine(e)
            + "); the output is incomplete: free some space, or let the reader read to the end, and run it again", e);
      }
      bytes += n;
    }
    try {
      out.flush();
    } catch (IOException e) {
      throw CliFailure.failure("writing the backup to " + where + " failed (" + CliFailure.firstLine(e)
          + "); the output is incomplete: run it again", e);
    }
    return bytes;
  }

  /**
   * The server's backup, once it is Pulse's. The server copies its store before it answers (minutes for
   * a big one): its answer is awaited up to {@link Target#BACKUP_WAIT_SECONDS}, unless --timeout.
   */
  private HttpResponse<InputStream> backupAnswer() throws IOException, InterruptedException {
    return ServerAnswer.requirePulse(target.send("POST", BackupEndpoint.PATH, Target.BACKUP_WAIT_SECONDS),
        BackupEndpoint.MEDIA_TYPE, "pulse-backup-");
  }

  /** The part file beside {@code file}, created and locked here; one that cannot be is a usage mistake. */
  private static PartFile createPart(Path file) {
    try {
      return PartFile.create(file);
    } catch (IOException e) {
      throw cannotWrite(file, e);
    }
  }

  private static CliFailure cannotWrite(Path file, IOException e) {
    String why = e instanceof FileSystemException named ? CliFailure.reason(named) : CliFailure.firstLine(e);
    return CliFailure.usage("cannot write " + file + ": " + why + "; give --output a file in a directory you may"
        + " write to", e);
  }


  private static void commit(PartFile part, Path file) {
    try {
      part.commit(file);
    } catch (IOException e) {
      throw notWritten(file, e);
    }
  }

  private static CliFailure notWritten(Path file, Exception e) {
    return CliFailure.failure("cannot write the backup beside " + file.getParent() + ": " + CliFailure.firstLine(e)
        + "; nothing was kept: free some space or give --output another disk", e);
  }
}
