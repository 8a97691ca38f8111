package dev.pulse.cli.imports;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.cli.failure.CliFailure;
import dev.pulse.cli.access.ServerAnswer;
import dev.pulse.cli.access.Target;
import dev.pulse.server.imports.BoundedLines;
import dev.pulse.server.imports.ImportException;
import dev.pulse.server.imports.ImportResult;
import dev.pulse.server.store.RecordKind;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * {@code pulse import --server}: the file sent to a running server's {@code POST /api/v1/import} in
 * requests of at most {@code --batch-size} records (as a local import commits them; {@link ImportCommand#BATCH}
 * unless given) and {@link #MAX_BATCH_BYTES} of text, well under the server's 64 MiB, gzip-compressed.
 * Each request is all or nothing, so a stop keeps the requests before it, and a rerun skips what
 * they stored, as a local import does with its batches.
 */
final class RemoteImport {

  /** Text per request, before compression. */
  static final int MAX_BATCH_BYTES = 16 << 20;

  private static final Pattern BAD_LINE = Pattern.compile("line (\\d+): (.*)", Pattern.DOTALL);

  private final Target target;
  private final RecordKind kind;
  private final int batchSize;
  /** Read by a stop signal's thread ({@link ImportStop}). */
  private volatile long imported;
  private long skipped;

  RemoteImport(Target target, RecordKind kind, int batchSize) {
    this.target = target;
    this.kind = kind;
    this.batchSize = batchSize;
  }

  /** How many records the requests answered so far imported; from any thread. */
  long imported() {
    return imported;
  }

  /**
   * Sends every line.
   *
   * @throws ImportException at a line the server (or the line reader) refused, with what the requests before
   *     it stored
   * @throws CliFailure when the server cannot be reached or refused a request otherwise
   */
  ImportResult importFrom(BufferedReader text) throws IOException, InterruptedException {
    long lineNumber = 0;
    long firstOfBatch = 1;
    Batch batch = new Batch();
    // The reader a local import and the server use: a byte-order mark at the start is skipped there too.
    BoundedLines lines = new BoundedLines(text);
    while (true) {
      String line;
      try {
        line = lines.next();
      } catch (BoundedLines.BadLineException e) {
        throw new ImportException(lineNumber + 1, e.getMessage(), new ImportResult(imported, skipped), e);
      }
      if (line == null) {
        break;
      }
      lineNumber++;
      batch.add(line);
      if (batch.records == batchSize || batch.textBytes >= MAX_BATCH_BYTES) {
        send(batch, firstOfBatch);
        batch = new Batch();
        firstOfBatch = lineNumber + 1;
      }
    }
    if (batch.records > 0) {
      send(batch, firstOfBatch);
    }
    return new ImportResult(imported, skipped);
  }

  private void send(Batch batch, long firstLine) throws IOException, InterruptedException {
    HttpResponse<InputStream> answer = target.exchange("POST", "/api/v1/import?kind=" + kind.pathName(),
        HttpRequest.BodyPublishers.ofByteArray(batch.gzipped()),
        Map.of("Content-Type", "application/x-ndjson", "Content-Encoding", "gzip"), Target.IMPORT_WAIT_SECONDS);
    if (answer.statusCode() == 200) {
      JsonNode counts = ServerAnswer.pulseJson(answer, json -> json.path("imported").isNumber());
      imported += counts.path("imported").asLong();
      skipped += counts.path("skipped").asLong();
      return;
    }
    byte[] body;
    try (InputStream in = answer.body()) {
      body = in.readNBytes(1 << 16);
    }
    if (answer.statusCode() == 400) {
      Matcher bad = BAD_LINE.matcher(Objects.requireNonNullElse(ServerAnswer.reason(body), ""));
      if (bad.matches()) {
        throw new ImportException(firstLine + Long.parseLong(bad.group(1)) - 1, bad.group(2),
            new ImportResult(imported, skipped), null);
      }
    }
    CliFailure refused = ServerAnswer.failureOf(answer.statusCode(), answer.uri(), body);
    String kept = imported + skipped == 0 ? "" : String.format(Locale.ROOT, " The requests before it stored %,d records"
        + " (%,d skipped as already present): once that is fixed, run the same import again; records already present"
        + " are skipped.", imported, skipped);
    String told = refused.getMessage() + (refused.getMessage().matches("(?s).*[.?!]") ? "" : ".") + kept;
    throw refused.exitCode() == CliFailure.USAGE ? CliFailure.usage(told) : CliFailure.failure(told);
  }

  /** The lines of one request, compressed as they come. */
  private static final class Batch {
    private final ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    private final OutputStream out;
    private int records;
    private long textBytes;

    Batch() {
      try {
        out = new GZIPOutputStream(compressed, 1 << 16);
      } catch (IOException e) {
        throw new IllegalStateException("a gzip stream over memory cannot fail", e);
      }
    }

    void add(String line) throws IOException {
      byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
      out.write(bytes);
      records++;
      textBytes += bytes.length;
    }

    byte[] gzipped() throws IOException {
      out.close();
      return compressed.toByteArray();
    }
  }
}
