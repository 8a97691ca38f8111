package dev.pulse.server.http;

import static dev.pulse.server.http.ErrorAnswers.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Byte sequences that are no UTF-8 (overlong forms, code points above U+10FFFF, encoded surrogates)
 * are refused 400 {@code INVALID_UTF8} naming the bytes and where they are, on the fast path (the Go
 * components' {@code SendTelemetries}) and on graphql-java's (an error report), in a value or a member
 * name; never stored as the character they spell. The well-formed sequences next to them are kept.
 */
class InvalidUtf8Test extends SharedIngestServer {

  @ParameterizedTest(name = "{0} in {1}")
  @CsvSource(delimiter = '|', value = {
    "C0 AF       | version | overlong encoding of U+002F",
    "C0 AF       | message | overlong encoding of U+002F",
    "C0 80       | version | overlong encoding of U+0000",
    "C0 80       | message | overlong encoding of U+0000",
    "C1 BF       | message | overlong encoding of U+007F",
    "E0 80 AF    | version | overlong encoding of U+002F",
    "E0 9F BF    | message | overlong encoding of U+07FF",
    "F0 8F BF BF | version | overlong encoding of U+FFFF",
    "F4 90 80 80 | version | encode U+110000, beyond U+10FFFF",
    "F4 90 80 80 | message | encode U+110000, beyond U+10FFFF",
    "F7 BF BF BF | message | encode U+1FFFFF, beyond U+10FFFF",
    "ED A0 80    | version | encode the surrogate U+D800",
    "ED BF BF    | message | encode the surrogate U+DFFF",
    "F8 88       | message | byte F8 starts no UTF-8 character",
    "80          | version | byte 80 continues a character",
    "E2 82       | message | bytes E2 82 start a 3-byte character that byte 79 does not continue",
    "DF          | message | byte DF starts a 2-byte character that byte 79 does not continue",
  })
  void refusesBytesThatAreNoUtf8OnBothPaths(String hex, String where, String says) throws Exception {
    byte[] bytes = HexFormat.ofDelimiter(" ").parseHex(hex.strip());
    HttpResponse<String> response = server().postTelemetry(withBytes(body(where), bytes), null);

    assertError(response, 400, "INVALID_UTF8", "the request body is not valid UTF-8: ");
    assertThat(response.body()).contains(says).containsPattern("\\(at line 1, column \\d+\\)");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE"})
  void refusesAValidBodyInAnotherUnicodeEncodingOnBothPaths(String encoding) throws Exception {
    // Jackson, left to itself, reads such a body (no byte order mark) in the encoding it detects
    for (String body : new String[] {Bodies.telemetries(1), Bodies.sendErrors("[" + Bodies.error("x", "null", "null") + "]")}) {
      HttpResponse<String> response = server().postTelemetry(body.getBytes(Charset.forName(encoding)), null);

      assertError(response, 400, "INVALID_UTF8", "the request body is not UTF-8: byte ");
      assertThat(response.body()).contains("is 00, as in UTF-16 or UTF-32 text");
    }
  }

  @Test
  void refusesAMemberNameSpeltWithAnOverlongByte() throws Exception {
    // "q\u0075ery" with its u as C1 B5: Jackson reads the name "query"
    byte[] body = withBytes(Bodies.telemetries(1).replaceFirst("\"query\"", "\"q~ery\""), new byte[] {(byte) 0xC1, (byte) 0xB5});

    assertError(server().postTelemetry(body, null), 400, "INVALID_UTF8", "bytes C1 B5 are an overlong encoding of U+0075");
  }

  @Test
  void storesTheWellFormedSequencesAtEveryBoundaryExactlyAsSent() throws Exception {
    expectStored = true;
    // U+0080, U+07FF, U+0800, U+D7FF, U+E000, U+FFFF, U+10000, U+10FFFF: the first and last of each range
    String text = "\u0080\u07ff\u0800\ud7ff\ue000\uffff\ud800\udc00\udbff\udfff";
    HttpResponse<String> fast = server().postTelemetry(body("version").replace("~", text));
    HttpResponse<String> general = server().postTelemetry(body("message").replace("~", text));

    assertThat(fast.body()).isEqualTo("{\"data\":{\"sendTelemetries\":true}}");
    assertThat(general.body()).isEqualTo("{\"data\":{\"sendErrors\":true}}");
    assertThat(server().events()).extracting(e -> e.component().version()).contains("v1" + text);
    assertThat(server().errors()).extracting(e -> e.error().message()).contains("x" + text + "y");
  }

  /** A body with a marker {@code ~} in a version (fast path) or an error's message (graphql-java). */
  private static String body(String where) {
    return switch (where) {
      case "version" -> Bodies.telemetries(1).replace("v1.5.0", "v1~");
      case "message" -> Bodies.sendErrors("[" + Bodies.error("x~y", "null", "null") + "]");
      default -> throw new IllegalArgumentException(where);
    };
  }

  private static byte[] withBytes(String text, byte[] replacement) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf('~');
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(bytes, 0, at);
    out.writeBytes(replacement);
    out.write(bytes, at + 1, bytes.length - at - 1);
    return out.toByteArray();
  }
}
