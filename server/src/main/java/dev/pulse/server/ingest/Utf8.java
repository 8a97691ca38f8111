package dev.pulse.server.ingest;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Checks that a request body is well-formed UTF-8 (RFC 3629, the Unicode standard's table 3-7)
 * before any JSON parser reads it. Jackson's decoder checks only that continuation bytes look like
 * continuation bytes: it turns an overlong encoding ({@code C0 AF}) into the character it spells
 * ({@code /}), {@code C0 80} into a NUL and {@code F4 90 80 80} into two lone surrogates, so that
 * a string would be stored other than as sent, and a member name such as {@code "query"} could be
 * spelt in bytes no other reader takes for it. This refuses every such body, on both paths.
 *
 * <p>The hot path: a body the Go components send is ASCII, checked 32 bytes per step (four 8-byte
 * loads, one mask, one branch): about 1.1 µs for the network mapper's 100-event batch of 40 KB, 1 to
 * 2% of reading it ({@code docs/performance.md}). Only a non-ASCII byte leads to the per-sequence
 * checks. Stateless.
 */
final class Utf8 {

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_BITS = 0x8080808080808080L;

  private Utf8() {}

  /** @throws BadRequestException {@code INVALID_UTF8}, saying which bytes and where, when it is not */
  static void check(byte[] body) {
    for (int k = 0; k < Math.min(4, body.length); k++) {
      if (body[k] == 0) { // what a parser sniffing the encoding (Jackson's) would read as UTF-16 or UTF-32
        throw new BadRequestException("INVALID_UTF8", "the request body is not UTF-8: byte " + (k + 1)
            + " is 00, as in UTF-16 or UTF-32 text, never in UTF-8 JSON; send the JSON encoded as UTF-8");
      }
    }
    int at = firstInvalid(body);
    if (at >= 0) {
      throw new BadRequestException("INVALID_UTF8",
          "the request body is not valid UTF-8: " + describe(body, at) + location(body, at));
    }
  }

  /** The index of the first byte of the first ill-formed sequence, or -1 when there is none. */
  static int firstInvalid(byte[] b) {
    int n = b.length;
    int i = 0;
    while (i < n) {
      if (i + 32 <= n && (((long) LONGS.get(b, i) | (long) LONGS.get(b, i + 8) | (long) LONGS.get(b, i + 16)
          | (long) LONGS.get(b, i + 24)) & HIGH_BITS) == 0) {
        i += 32;
      } else if (i + 8 <= n && ((long) LONGS.get(b, i) & HIGH_BITS) == 0) {
        i += 8;
      } else if (b[i] >= 0) {
        i++;
      } else {
        int length = sequenceLength(b, i);
        if (length == 0) {
          return i;
        }
        i += length;
      }
    }
    return -1;
  }

  /** The length of the well-formed sequence at {@code i} (its lead byte is not ASCII), or 0. */
  private static int sequenceLength(byte[] b, int i) {
    int lead = b[i] & 0xFF;
    int length = lead >= 0xC2 && lead <= 0xDF ? 2
        : lead >= 0xE0 && lead <= 0xEF ? 3
        : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0;
    if (length == 0 || i + length > b.length) {
      return 0;
    }
    // The second byte's range is narrower after E0 and F0 (no overlong forms), ED (no surrogates)
    // and F4 (nothing above U+10FFFF); every other continuation byte is 80..BF.
    int second = b[i + 1] & 0xFF;
    int low = lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80;
    int high = lead == 0xED ? 0x9F : lead == 0xF4 ? 0x8F : 0xBF;
    if (second < low || second > high) {
      return 0;
    }
    for (int k = 2; k < length; k++) {
      if ((b[i + k] & 0xC0) != 0x80) {
        return 0;
      }
    }
    return length;
  }

  /** What is wrong with the sequence at {@code at}, in words a client can act on. */
  static String describe(byte[] b, int at) {
    int lead = b[at] & 0xFF;
    if (lead < 0xC0) {
      return "byte " + hex(b, at, 1) + " continues a character that no byte before it starts";
    }
    if (lead >= 0xF8) {
      return "byte " + hex(b, at, 1) + " starts no UTF-8 character";
    }
    int length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    for (int k = 1; k < length; k++) {
      if (at + k >= b.length || (b[at + k] & 0xC0) != 0x80) {
        return (k == 1 ? "byte " + hex(b, at, k) + " starts a " : "bytes " + hex(b, at, k) + " start a ")
            + length + "-byte character that "
            + (at + k >= b.length ? "the body ends before" : "byte " + hex(b, at + k, 1) + " does not continue");
      }
    }
    int code = lead & (0x7F >> length);
    for (int k = 1; k < length; k++) {
      code = code << 6 | b[at + k] & 0x3F;
    }
    String bytes = "bytes " + hex(b, at, length);
    if (code < (length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000)) {
      return bytes + " are an overlong encoding of U+" + String.format("%04X", code)
          + "; each character has one encoding, its shortest";
    }
    if (code >= 0xD800 && code <= 0xDFFF) {
      return bytes + " encode the surrogate U+" + String.format("%04X", code)
          + ", which is no character (a pair is sent as one 4-byte character)";
    }
    return bytes + " encode U+" + String.format("%X", code) + ", beyond U+10FFFF, the last code point";
  }

  private static String hex(byte[] b, int from, int count) {
    StringBuilder out = new StringBuilder();
    for (int k = 0; k < count; k++) {
      out.append(k == 0 ? "" : " ").append(String.format("%02X", b[from + k] & 0xFF));
    }
    return out.toString();
  }

  /** Where byte {@code at} is: its line and its column, both counted from 1, the column in bytes. */
  private static String location(byte[] b, int at) {
    int line = 1;
    int lineStart = 0;
    for (int k = 0; k < at; k++) {
      if (b[k] == '\n') {
        line++;
        lineStart = k + 1;
      }
    }
    return " (at line " + line + ", column " + (at - lineStart + 1) + ")";
  }
}
