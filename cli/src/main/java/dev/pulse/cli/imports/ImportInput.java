package dev.pulse.cli.imports;

import dev.pulse.cli.failure.CliFailure;
import dev.pulse.server.web.GzipFailures;
import dev.pulse.server.web.GzipMembers;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text an import reads: a file or stdin, as UTF-8 that refuses bytes which are not (instead of
 * replacing them), and inflated when it is gzip (an export is often kept compressed).
 */
final class ImportInput {

  private static final int BUFFER = 1 << 16;

  /** Why FileInputStream could not open a file: "x.ndjson (Permission denied)". */
  private static final Pattern REASON = Pattern.compile("\\(([^()]+)\\)$");

  private ImportInput() {}

  /**
   * Opens {@code file}, or stdin for {@code -}. A FileInputStream, not Files.newInputStream: the
   * decoder asks how many bytes are ready, which a file channel answers by seeking, and a pipe
   * ({@code <(zcat ...)}, /dev/stdin) cannot seek.
   *
   * @throws UnusableFileException when it cannot be read (permission, a socket) or is a DuckDB file
   */
  static BufferedReader open(String file) throws IOException {
    InputStream raw = file.equals("-") ? System.in : openFile(file);
    try {
      BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
      if (isDuckDb(in)) {
        throw new UnusableFileException(duckDbFile(file));
      }
      InputStream text = isGzip(in) ? gunzip(in) : in;
      return new BufferedReader(new InputStreamReader(text, StandardCharsets.UTF_8.newDecoder()), BUFFER);
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /**
   * The inflated text, read as the server's import route reads a gzip body: every member of a file
   * made by {@code cat a.gz b.gz}, and a failure (told as the file's, by the import) for data that ends
   * early, is corrupt, or goes on after its last member with bytes that are none.
   */
  private static InputStream gunzip(InputStream in) {
    return new GzipMembers(in, BUFFER);
  }

  /**
   * Whether the stream starts as a DuckDB database file does ({@code pulse backup}'s, a data dir's
   * {@code pulse.duckdb}): its header's magic bytes "DUCK" after an 8-byte checksum; reads nothing of it.
   */
  private static boolean isDuckDb(BufferedInputStream in) throws IOException {
    in.mark(12);
    byte[] start = in.readNBytes(12);
    in.reset();
    return start.length == 12 && new String(start, 8, 4, StandardCharsets.US_ASCII).equals("DUCK");
  }

  /** An import stopped by input that is not valid gzip: the {@code parts} (batches, requests) before it are kept. */
  static CliFailure notGzip(Exception e, String parts) {
    return CliFailure.failure("stopped: the file is not valid gzip: " + GzipFailures.describe(e) + ". The " + parts
        + " imported before it are kept: with the file whole, run the same import again.", e);
  }

  private static FileInputStream openFile(String file) throws UnusableFileException {
    try {
      return new FileInputStream(file);
    } catch (FileNotFoundException e) {
      Matcher why = REASON.matcher(String.valueOf(e.getMessage()));
      String reason = why.find() ? why.group(1).toLowerCase(Locale.ROOT) : String.valueOf(e.getMessage());
      throw new UnusableFileException("cannot read FILE " + file + ": " + reason
          + "; give a file you may read (or - for standard input)");
    }
  }

  private static String duckDbFile(String file) {
    return (file.equals("-") ? "standard input" : "FILE " + file) + " is a DuckDB database (a backup, or a"
        + " store's file), not an export: put a backup in place with pulse restore " + (file.equals("-") ? "FILE"
        : file) + " --data-dir DIR; import reads the NDJSON of pulse export";
  }

  /** The file cannot be imported as it is (a usage mistake): the message says why and what to give. */
  static final class UnusableFileException extends IOException {
    UnusableFileException(String message) {
      super(message);
    }
  }

  /** Whether the stream starts with gzip's magic bytes; reads nothing of it. */
  private static boolean isGzip(BufferedInputStream in) throws IOException {
    in.mark(2);
    boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
    in.reset();
    return gzip;
  }
}
