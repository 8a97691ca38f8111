package dev.pulse.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Where {@code pulse export} writes: standard output or the {@code -o} file, raw, so that a full disk
 * or a reader that stopped fails the export instead of being swallowed as {@code System.out} would
 * (which would exit 0 with the output cut short). A failed write is told in one line saying the
 * output is incomplete; an incomplete {@code -o} file is removed.
 */
final class ExportOutput extends OutputStream {

  private static final int BUFFER = 1 << 16;

  private final Path file;
  private final OutputStream out;

  private ExportOutput(Path file, OutputStream out) {
    this.file = file;
    this.out = out;
  }

  /**
   * Standard output when {@code file} is null, else that file (created or truncated), gzip-compressed
   * when its name ends with {@code .gz}.
   */
  static ExportOutput open(Path file) throws IOException {
    if (file == null) {
      // Closing it flushes but leaves standard output open.
      OutputStream stdout = new FileOutputStream(FileDescriptor.out) {
        @Override
        public void close() {}
      };
      return new ExportOutput(null, new BufferedOutputStream(stdout, BUFFER));
    }
    try {
      OutputStream written = Files.newOutputStream(file);
      return new ExportOutput(file, file.getFileName().toString().endsWith(".gz")
          ? new GZIPOutputStream(new BufferedOutputStream(written, BUFFER), BUFFER)
          : new BufferedOutputStream(written, BUFFER));
    } catch (IOException e) {
      String why = e instanceof FileSystemException named && named.getFile() != null
          ? CliFailure.firstLine(e) : file + ": " + CliFailure.firstLine(e);
      throw CliFailure.usage("cannot write " + why + "; give --output a file in a directory you may write to", e);
    }
  }

  @Override
  public void write(int b) throws IOException {
    guarded(() -> out.write(b));
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    guarded(() -> out.write(bytes, offset, length));
  }

  @Override
  public void flush() throws IOException {
    guarded(out::flush);
  }

  @Override
  public void close() throws IOException {
    guarded(out::close);
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

  /**
   * The failure of a write, for the user: the output is incomplete (an {@code -o} file is removed,
   * when it is a regular file: never a device such as /dev/full).
   */
  private CliFailure failed(IOException e) {
    String why = e.getMessage() == null ? "an I/O error" : e.getMessage();
    if (file == null) {
      return CliFailure.failure("writing to standard output failed (" + why + "): the export is incomplete;"
          + " free space, or let the reader read to the end, and export again", e);
    }
    String what = "the output is incomplete";
    try {
      if (Files.isRegularFile(file) && Files.deleteIfExists(file)) {
        what = "the file was incomplete, so it was removed";
      }
    } catch (IOException | UncheckedIOException ignored) {
      // Told as incomplete.
    }
    return CliFailure.failure("writing " + file + " failed (" + why + "): " + what + "; free space and export again", e);
  }
}
