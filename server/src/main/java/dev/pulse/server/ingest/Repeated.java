package dev.pulse.server.ingest;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.util.Arrays;

/**
 * One member's last string in a request read by {@link TelemetriesFastPath}: a value equal to it is
 * returned as the same object, so later stages find repeats by identity. Not thread-safe.
 */
final class Repeated {
  private char[] chars = new char[16];
  private int length = -1;
  private String value;

  String read(JsonParser parser) throws IOException {
    char[] text = parser.getTextCharacters();
    int offset = parser.getTextOffset();
    int n = parser.getTextLength();
    if (n != length || !Arrays.equals(text, offset, offset + n, chars, 0, n)) {
      value = new String(text, offset, n);
      if (chars.length < n) {
        chars = new char[n];
      }
      System.arraycopy(text, offset, chars, 0, n);
      length = n;
    }
    return value;
  }
}
