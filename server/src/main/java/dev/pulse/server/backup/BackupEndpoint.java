package dev.pulse.server.backup;

import dev.pulse.server.store.FileBackup;
import dev.pulse.server.web.HttpProblem;
import dev.pulse.server.web.QueryParameters;
import dev.pulse.server.web.Routes;
import dev.pulse.server.web.ServerServices;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/backup} (admin token): a consistent copy of the embedded store's database file,
 * taken while the server serves, as the answer's body ({@code application/octet-stream}, with its
 * length). The copy is written to the data dir first, streamed, then deleted; a server killed
 * meanwhile leaves it, and the next start deletes it. 409 {@code NO_FILE_BACKUP} on PostgreSQL, 507
 * {@code NOT_ENOUGH_DISK} when the copy would not fit beside the disk reserve. A copy that fails
 * while it is sent is aborted (no complete-looking body). The time of the last one sent whole is
 * kept ({@link LastBackup}) and exported as {@code pulse_backup_last_success_seconds}.
 */
public final class BackupEndpoint implements Routes {

  /** The route. */
  public static final String PATH = "/api/v1/backup";

  /** The media type of the answer: a DuckDB database file. */
  public static final String MEDIA_TYPE = "application/octet-stream";

  private static final String IN_PROGRESS = "backup-in-progress-";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final Logger LOG = LoggerFactory.getLogger(BackupEndpoint.class);

  /** What to do about a 507: the copy is made in the data dir, so another disk means a backup without the server. */
  private static final String ROOM_ADVICE = "the server writes the copy into its data dir before it sends it;"
      + " free some space there (or grow its disk), or stop the server and back up its data dir to another disk"
      + " with pulse backup --data-dir DIR -o FILE";

  private final Clock clock;

  /** Backups named after the time on {@code clock}. */
  public BackupEndpoint(Clock clock) {
    this.clock = clock;
  }

  /**
   * Where a backup's copy is written before it is sent (or piped by {@code pulse backup -o -}): in the
   * data dir, under a name that a server starting there deletes as a leftover.
   */
  public static Path inProgressCopy(Path dataDir) {
    return dataDir.resolve(IN_PROGRESS + System.nanoTime() + ".duckdb");
  }

  /**
   * Keeps {@code at} as the time of the data dir's last backup, as a backup sent whole does: for
   * {@code pulse backup --data-dir}, which copies a stopped server's store, so that the server's
   * {@code pulse_backup_last_success_seconds} counts it once it starts.
   */
  public static void recordBackupOf(Path dataDir, Instant at) {
    LastBackup.in(dataDir, null).succeeded(at);
  }

  @Override
  public void register(Javalin app, ServerServices services) {
    Optional<FileBackup> backup = services.backup();
    if (backup.isEmpty()) {
      app.post(PATH, ctx -> {
        QueryParameters.require(ctx, List.of(), "a backup");
        throw new HttpProblem(409, "NO_FILE_BACKUP", "this server's store is PostgreSQL, which has no file to"
            + " copy: back it up with PostgreSQL's tools"
            + " (pg_dump, or continuous archiving; docs/operations.md, Backups)");
      });
      return;
    }
    deleteLeftovers(services.dataDir());
    LastBackup last = LastBackup.in(services.dataDir(), services.meters());
    app.post(PATH, ctx -> handle(ctx, backup.get(), services.dataDir(), last));
  }

  private void handle(Context ctx, FileBackup files, Path dataDir, LastBackup last) throws IOException {
    QueryParameters.require(ctx, List.of(), "a backup");
    String name = "pulse-backup-" + STAMP.format(clock.instant()) + ".duckdb";
    Path copy = inProgressCopy(dataDir);
    try {
      long size;
      try {
        size = files.writeTo(copy);
      } catch (FileBackup.NotEnoughDiskException e) {
        throw new HttpProblem(507, "NOT_ENOUGH_DISK", e.getMessage() + ": " + ROOM_ADVICE);
      }
      ctx.disableCompression(); // its announced length is the file's; DuckDB compresses its own data
      ctx.status(200).contentType(MEDIA_TYPE)
          .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
          .header("Content-Length", Long.toString(size));
      long sent = 0;
      boolean reading = true;
      try (InputStream in = Files.newInputStream(copy)) {
        OutputStream out = ctx.outputStream();
        byte[] buffer = new byte[1 << 16];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          reading = false;
          out.write(buffer, 0, n);
          sent += n;
          reading = true;
        }
        reading = false;
        out.flush(); // sent, not only buffered, before it counts as the last backup
      } catch (IOException | RuntimeException e) {
        // The client sees a cut answer (no complete-looking body) and keeps nothing of it.
        LOG.warn("backup of {} bytes not sent whole, cut after {} bytes: {}", size, sent,
            reading ? "reading its copy in the data dir failed (" + describe(e) + ")"
                : stopping(ctx) ? "the server stopped before it was sent (a stop gives a connection whose"
                    + " client does not keep reading one second)" : "the client stopped reading or closed the"
                    + " connection (" + describe(e) + ")");
        Request.getBaseRequest(ctx.req()).getHttpChannel().abort(e);
        return;
      }
      last.succeeded(clock.instant());
      LOG.info("backup of {} bytes sent", size);
    } finally {
      Files.deleteIfExists(copy);
    }
  }

  private static boolean stopping(Context ctx) {
    return Request.getBaseRequest(ctx.req()).getHttpChannel().getServer().isStopping();
  }

  /**
   * A failure in words, never a class name: Jetty's for a client gone has no message of its own, so
   * its cause's is used, and one with neither is told by what it means; Jetty's that quote their
   * cause's class ("java.util.concurrent.TimeoutException: Idle timeout expired") lose it.
   */
  private static String describe(Exception e) {
    String message = e.getMessage();
    if ((message == null || message.isBlank()) && e.getCause() != null) {
      message = e.getCause().getMessage();
    }
    if (message != null) {
      message = message.replaceFirst("^(?:[a-z_][\\w]*\\.)+[A-Z]\\w*(?:Exception|Error): *", "");
    }
    return message == null || message.isBlank() ? "no reason given" : message.strip();
  }

  private static void deleteLeftovers(Path dataDir) {
    if (!Files.isDirectory(dataDir)) {
      return;
    }
    try (DirectoryStream<Path> left = Files.newDirectoryStream(dataDir, IN_PROGRESS + "*")) {
      for (Path file : left) {
        Files.deleteIfExists(file);
        LOG.info("deleted {}, a backup copy left by a server stopped while sending it", file.getFileName());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the data dir " + dataDir + ": " + e.getMessage(), e);
    }
  }
}
