package dev.pulse.server.imports;

import java.io.IOException;
import java.io.Reader;

/**
 * The lines of a text, each at most {@link #MAX_LINE_CHARS} characters: a longer one (a file that is
 * not an export, say, with no line break for gigabytes) is refused once that many characters were
 * read, never held whole. Lines end at {@code \n}; a {@code \r} before it is dropped.
 */
final class BoundedLines {

  /**
   * 32 Mi characters: twice the largest request body the server accepts (16 MiB), so every record
   * an export wrote fits, escapes included.
   */
  static final int MAX_LINE_CHARS = 32 << 20;

  /** A line over the bound; nothing of it was kept. */
  static final class LineTooLongException extends IOException {
    LineTooLongException(int maxChars) {
      super("the line is longer than " + (maxChars >> 20) + " Mi characters: not a record of pulse export");
    }
  }

  private final Reader in;
  private final int maxChars;
  private final char[] buffer = new char[16 << 10];
  private int position;
  private int end;

  BoundedLines(Reader in) {
    this(in, MAX_LINE_CHARS);
  }

  BoundedLines(Reader in, int maxChars) {
    this.in = in;
    this.maxChars = maxChars;
  }

  /**
   * The next line without its line break, or null at the end of the text.
   *
   * @throws LineTooLongException when the line has more than the bound's characters
   */
  String next() throws IOException {
    StringBuilder line = null;
    while (true) {
      if (position == end) {
        end = Math.max(0, in.read(buffer));
        position = 0;
        if (end == 0) {
          return line == null ? null : line.toString();
        }
      }
      int start = position;
      while (position < end && buffer[position] != '\n') {
        position++;
      }
      if (line == null) {
        line = new StringBuilder(Math.min(position - start + 16, maxChars));
      }
      if (line.length() + (position - start) > maxChars) {
        throw new LineTooLongException(maxChars);
      }
      line.append(buffer, start, position - start);
      if (position < end) {
        position++; // the \n
        int last = line.length() - 1;
        if (last >= 0 && line.charAt(last) == '\r') {
          line.setLength(last);
        }
        return line.toString();
      }
    }
  }
}
