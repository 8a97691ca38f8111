package dev.pulse.cli;

import dev.pulse.server.backup.BackupEndpoint;
import dev.pulse.server.store.FileBackup;
import dev.pulse.server.store.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pulse backup}: a consistent copy of the embedded store's database file, from a running
 * server ({@code POST /api/v1/backup}) or from the data dir of a stopped one. The copy is written
 * beside {@code --output} first and renamed once complete and on disk, so a failed backup leaves
 * nothing that looks like one.
 */
@Command(
    name = "backup",
    description = {
      "Writes a consistent copy of the embedded store's database file, rollups included, from a running"
          + " server (--server; nothing stops) or from a stopped server's data dir.",
      "Restore: put the file as pulse.duckdb into the empty data dir of a stopped server that has the same"
          + " context key. PostgreSQL is backed up with its own tools (pg_dump).",
    },
    footerHeading = "%nExample:%n",
    footer = "  pulse backup --server http://localhost:8080 -o pulse-backup.duckdb")
final class BackupCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin Target target;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
      description = "The file to write; it must not exist (a backup never overwrites one).")
  Path output;

  @Override
  public Integer call() throws Exception {
    Path file = output.toAbsolutePath();
    if (Files.exists(file)) {
      throw CliFailure.usage(file + " exists: give --output a new file (a backup never overwrites one)");
    }
    if (!Files.isDirectory(file.getParent())) {
      throw CliFailure.usage("cannot write " + file + ": " + file.getParent() + " is not a directory");
    }
    Path part = file.resolveSibling(file.getFileName() + ".part");
    long started = System.nanoTime();
    try {
      long bytes = target.isRemote() ? download(part) : copyStore(part);
      Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
      String from = target.isRemote() ? "the server at " + target.server : "the store in " + target.dataDir;
      spec.commandLine().getOut().printf(Locale.ROOT, "backed up %s to %s (%.1f MB) in %.1f s; restore it as"
          + " pulse.duckdb in a stopped server's data dir, with the same context key%n",
          from, file, bytes / 1e6, (System.nanoTime() - started) / 1e9);
      return 0;
    } finally {
      Files.deleteIfExists(part);
    }
  }

  private long download(Path part) throws IOException, InterruptedException {
    HttpResponse<InputStream> answer = target.send("POST", BackupEndpoint.PATH);
    FileChannel channel;
    try {
      channel = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (IOException e) {
      answer.body().close();
      throw notWritten(part, e);
    }
    try (InputStream in = answer.body(); channel) {
      OutputStream out = Channels.newOutputStream(channel);
      long bytes = 0;
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = read(in, buffer)) >= 0; bytes += n) {
        try {
          out.write(buffer, 0, n);
        } catch (IOException e) {
          throw notWritten(part, e);
        }
      }
      sync(channel, part);
      return bytes;
    }
  }

  /** A read of the server's answer; a failure is the server's or the network's. */
  private static int read(InputStream in, byte[] buffer) {
    try {
      return in.read(buffer);
    } catch (IOException e) {
      throw CliFailure.failure("the server stopped sending the backup before its end (" + CliFailure.firstLine(e)
          + "); nothing was kept: run it again", e);
    }
  }

  private long copyStore(Path part) throws IOException {
    try (Storage storage = target.openStorage()) {
      FileBackup backup = storage.backup().orElseThrow(() -> CliFailure.usage("--store is PostgreSQL, which has"
          + " no file to copy: back it up with PostgreSQL's tools (pg_dump; docs/operations.md, Backups)"));
      long bytes;
      try {
        bytes = backup.writeTo(part);
      } catch (FileBackup.NotEnoughDiskException e) {
        throw CliFailure.failure(e.getMessage(), e);
      }
      try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE)) {
        sync(channel, part);
      }
      return bytes;
    }
  }

  private static void sync(FileChannel channel, Path part) {
    try {
      channel.force(true);
    } catch (IOException e) {
      throw notWritten(part, e);
    }
  }

  private static CliFailure notWritten(Path part, Exception e) {
    return CliFailure.failure("cannot write the backup beside " + part.getParent() + ": " + CliFailure.firstLine(e)
        + "; nothing was kept: free some space or give --output another disk", e);
  }
}
