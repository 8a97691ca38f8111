package dev.pulse.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The body check agrees with the JDK's strict UTF-8 decoder on which bytes are UTF-8, over every
 * two-byte sequence and random sequences built from the bytes at each range's edges, at every
 * offset of the eight-byte steps (the ASCII run before a sequence decides which step sees it).
 */
class Utf8Test {

  private static final byte[] EDGES = bytes(0x00, 0x22, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0,
      0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF7, 0xF8, 0xFF);

  @Test
  void agreesWithTheJdkDecoderOnEveryTwoByteSequenceAfterEveryAsciiRun() {
    for (int run = 0; run < 20; run++) {
      for (int first = 0; first < 256; first++) {
        for (int second = 0; second < 256; second++) {
          byte[] body = new byte[run + 2];
          java.util.Arrays.fill(body, (byte) 'a');
          body[run] = (byte) first;
          body[run + 1] = (byte) second;
          assertAgrees(body);
        }
      }
    }
  }

  @Test
  void agreesWithTheJdkDecoderOnRandomSequencesOfEdgeBytes() {
    Random random = new Random(20261202L);
    for (int i = 0; i < 300_000; i++) {
      byte[] body = new byte[random.nextInt(40)];
      for (int k = 0; k < body.length; k++) {
        body[k] = random.nextInt(3) == 0 ? (byte) 'a' : EDGES[random.nextInt(EDGES.length)];
      }
      assertAgrees(body);
    }
  }

  @Test
  void pointsAtTheFirstByteOfTheFirstBadSequence() {
    byte[] body = "0123456789abcdef0123€x".getBytes(StandardCharsets.UTF_8);
    byte[] bad = new byte[body.length + 2];
    System.arraycopy(body, 0, bad, 0, body.length);
    bad[body.length] = (byte) 0xC0;
    bad[body.length + 1] = (byte) 0xAF;

    assertThat(Utf8.firstInvalid(body)).isEqualTo(-1);
    assertThat(Utf8.firstInvalid(bad)).isEqualTo(body.length);
    assertThat(Utf8.describe(bad, body.length)).isEqualTo(
        "bytes C0 AF are an overlong encoding of U+002F; each character has one encoding, its shortest");
  }

  private static void assertAgrees(byte[] body) {
    assertThat(Utf8.firstInvalid(body) < 0).as("%s", java.util.HexFormat.of().formatHex(body))
        .isEqualTo(jdkAccepts(body));
  }

  private static boolean jdkAccepts(byte[] body) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      decoder.decode(ByteBuffer.wrap(body));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static byte[] bytes(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }
}
