package dev.pulse.server.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The server's log while open: slf4j-simple writes each line to {@code System.err} as it is then, so
 * a tee in its place collects the lines and still shows them. Tests using it hold the
 * {@code SYSTEM_ERR} resource lock.
 */
public final class CapturedLog implements AutoCloseable {

  private final PrintStream original = System.err;
  private final ByteArrayOutputStream lines = new ByteArrayOutputStream();
  private final Consumer<String> onWrite; // null: nobody watches

  private CapturedLog(Consumer<String> onWrite) {
    this.onWrite = onWrite;
    System.setErr(new PrintStream(new Tee(original, lines), true, StandardCharsets.UTF_8));
  }

  /** Starts collecting. */
  public static CapturedLog start() {
    return new CapturedLog(null);
  }

  /**
   * Starts collecting, and hands what was logged so far to {@code onWrite} at each write, on the
   * writing thread: a test can see what else was true at the moment a line was written.
   */
  public static CapturedLog start(Consumer<String> onWrite) {
    return new CapturedLog(onWrite);
  }

  /** What was logged so far. */
  public String text() {
    return lines.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    System.setErr(original);
  }

  private final class Tee extends OutputStream {

    private final OutputStream first;
    private final OutputStream second;

    Tee(OutputStream first, OutputStream second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public void write(int b) throws IOException {
      first.write(b);
      second.write(b);
      told();
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      first.write(b, off, len);
      second.write(b, off, len);
      told();
    }

    private void told() {
      if (onWrite != null) {
        onWrite.accept(text());
      }
    }

    @Override
    public void flush() throws IOException {
      first.flush();
      second.flush();
    }
  }
}
