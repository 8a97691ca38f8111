package dev.pulse.cli.export;

import dev.pulse.cli.failure.CliFailure;
import dev.pulse.cli.output.PartFile;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Where {@code pulse export} writes: standard output or the {@code -o} file, raw, so that a full disk
 * or a reader that stopped fails the export instead of being swallowed as {@code System.out} would
 * (which would exit 0 with the output cut short). A failed write is told in one line saying the
 * output is incomplete.
 *
 * <p>An {@code -o} file is written beside itself first ({@link PartFile}) and put in place, flushed to
 * disk, only by {@link #commit()}: an export that fails for any reason (a full disk, a server that
 * stopped answering, a signal) leaves no partial file, and an earlier file of that name as it was. A
 * device or a pipe given as {@code -o} is written as it is. It is opened before the export's source (the
 * server, the store), so that an {@code -o} that cannot be created is told as the usage mistake it is
 * before anything is read.
 */
final class ExportOutput extends OutputStream {

  private static final int BUFFER = 1 << 16;

  private final Path file;
  private final PartFile partial;
  private final boolean existed;
  private final OutputStream out;
  /** The device or pipe written in place, under {@link #out}'s buffer (and gzip); else null. */
  private final OutputStream device;
  private boolean written;
  private boolean done;

  private ExportOutput(Path file, PartFile partial, OutputStream out, OutputStream device) {
    this.file = file;
    this.partial = partial;
    this.existed = file != null && Files.exists(file);
    this.out = out;
    this.device = device;
  }

  /**
   * Standard output when {@code file} is null or {@code -}, else that file (gzip-compressed when its name ends with
   * {@code .gz}), replaced only once the export is whole.
   */
  static ExportOutput open(Path file) throws IOException {
    if (file == null || file.toString().equals("-")) { // "-": standard output, as backup's -o - and import's -
      // Closing it flushes but leaves standard output open.
      OutputStream stdout = new FileOutputStream(FileDescriptor.out) {
        @Override
        public void close() {}
      };
      return new ExportOutput(null, null, new BufferedOutputStream(stdout, BUFFER), null);
    }
    boolean inPlace = Files.exists(file) && !Files.isRegularFile(file); // a device, a pipe (or a directory: refused)
    PartFile partial = null;
    try {
      if (!inPlace) {
        partial = PartFile.create(file);
      }
      OutputStream written = inPlace ? Files.newOutputStream(file) : partial.output();
      return new ExportOutput(file, partial, file.getFileName().toString().endsWith(".gz")
          ? new GZIPOutputStream(new BufferedOutputStream(written, BUFFER), BUFFER)
          : new BufferedOutputStream(written, BUFFER), inPlace ? written : null);
    } catch (IOException e) {
      if (partial != null) {
        partial.close();
      }
      String why = e instanceof FileSystemException named ? CliFailure.reason(named) : CliFailure.firstLine(e);
      throw CliFailure.usage("cannot write " + file + ": " + why + "; give --output a file in a directory you may"
          + " write to", e);
    }
  }

  /** The export is whole: standard output is flushed, an {@code -o} file flushed to disk and put in place. */
  void commit() {
    guarded(() -> {
      out.close();
      if (partial != null) {
        partial.commit(file);
      }
    });
    done = true;
  }

  @Override
  public void write(int b) throws IOException {
    written = true;
    guarded(() -> out.write(b));
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    written = true;
    guarded(() -> out.write(bytes, offset, length));
  }

  @Override
  public void flush() throws IOException {
    guarded(out::flush);
  }

  /** Without {@link #commit()}: the export failed; the partial file goes, standard output is flushed. */
  @Override
  public void close() throws IOException {
    if (done) {
      return;
    }
    done = true;
    if (device != null && !written) {
      // Opened before the source: an export that failed before its first record writes nothing to a
      // device or a pipe, not even a gzip header.
      guarded(device::close);
      return;
    }
    if (partial == null) {
      guarded(out::close);
      return;
    }
    try {
      out.close();
    } catch (IOException ignored) {
      // The export's own failure is the one to tell.
    } finally {
      partial.close();
    }
  }

  private interface Write {
    void run() throws IOException;
  }

  private void guarded(Write write) {
    try {
      write.run();
    } catch (IOException e) {
      throw failed(e);
    }
  }

  /** The failure of a write, for the user: the output is incomplete, and what became of the file. */
  private CliFailure failed(IOException e) {
    String why = e.getMessage() == null ? "an I/O error" : e.getMessage();
    if (file == null) {
      // A reader that stops early (| head) is no full disk: nothing to free, only the rest is missing.
      return CliFailure.failure("writing to standard output failed (" + why + "): the export is incomplete;"
          + (why.equals("Broken pipe") ? " its reader stopped reading before the end (as | head does):"
              + " for every record, let the reader read to the end" : " free space and export again"), e);
    }
    return CliFailure.failure("writing " + file + " failed (" + why + "): " + incomplete() + "; free space and export"
        + " again", e);
  }

  /** That the export is incomplete, and what became of the {@code -o} file. */
  String incomplete() {
    if (file == null || partial == null) {
      return "the export is incomplete";
    }
    return "the export is incomplete, so "
        + (existed ? file.getFileName() + " was left as it was" : "no file was written");
  }
}
