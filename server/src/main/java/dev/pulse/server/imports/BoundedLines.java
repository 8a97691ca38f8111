package dev.pulse.server.imports;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;

/**
 * The lines of an import's text, each at most {@link #MAX_LINE_CHARS} characters: a longer one (a
 * file that is not an export, say, with no line break for gigabytes) is refused once that many
 * characters were read, never held whole. Lines end at {@code \n}; a {@code \r} before it is
 * dropped. A UTF-8 byte-order mark at the very start of the text (Windows tools write one) is
 * skipped; one at the start of any other line is refused, since no export writes one there. Bytes a
 * strict decoder refuses as UTF-8 are a bad line too, the same for every import (a store's, a
 * server's, {@code pulse import --server}'s).
 */
public final class BoundedLines {

  /**
   * 32 Mi characters: twice the largest request body the server accepts (16 MiB), so every record
   * an export wrote fits, escapes included.
   */
  static final int MAX_LINE_CHARS = 32 << 20;

  /** The byte-order mark, as a decoded character. */
  private static final char BOM = '\uFEFF';

  /** A line the reader refuses: over the bound (nothing of it was kept), or starting with a byte-order mark. */
  public static class BadLineException extends IOException {
    BadLineException(String message) {
      super(message);
    }
  }

  /** A line over the bound; nothing of it was kept. */
  static final class LineTooLongException extends BadLineException {
    LineTooLongException(int maxChars) {
      super("the line is longer than " + (maxChars >> 20) + " Mi characters: not a record of pulse export");
    }
  }

  private final Reader in;
  private final int maxChars;
  private final char[] buffer = new char[16 << 10];
  private int position;
  private int end;
  private boolean started;

  /** The lines of {@code in}, each at most {@link #MAX_LINE_CHARS} characters. */
  public BoundedLines(Reader in) {
    this(in, MAX_LINE_CHARS);
  }

  BoundedLines(Reader in, int maxChars) {
    this.in = in;
    this.maxChars = maxChars;
  }

  /**
   * The next line without its line break, or null at the end of the text.
   *
   * @throws BadLineException when the line has more than the bound's characters, starts with a
   *     byte-order mark and is not the text's first, or is not UTF-8 (on it or a line after it)
   */
  public String next() throws IOException {
    StringBuilder line = null;
    while (true) {
      if (position == end) {
        try {
          end = Math.max(0, in.read(buffer));
        } catch (CharacterCodingException e) {
          // Decoded a block ahead, so the bad bytes are on this line or a later one.
          throw new BadLineException("not UTF-8 text (as pulse export writes), on this line or a few after it");
        }
        position = 0;
        if (end == 0) {
          return line == null ? null : line.toString();
        }
      }
      if (line == null && buffer[position] == BOM) {
        if (started) {
          throw new BadLineException("the line starts with a byte-order mark (U+FEFF), which only the start of"
              + " a file may have: not a record of pulse export");
        }
        position++;
      }
      started = true;
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
