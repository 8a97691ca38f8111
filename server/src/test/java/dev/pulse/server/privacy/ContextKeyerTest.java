package dev.pulse.server.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextKeyerTest {

  private static final String CONTEXT_ID =
      "0252338b7da7b5c1f8cc21fcdfe41cc050c4b5c39986ba191837ffed79c3af66";

  @TempDir Path dataDir;

  @Test
  void rekeysWithHmacSha256OfTheSecret() throws Exception {
    byte[] secret = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret, "HmacSHA256"));
    String expected = HexFormat.of().formatHex(mac.doFinal(CONTEXT_ID.getBytes(StandardCharsets.UTF_8)));

    assertThat(ContextKeyer.withSecret(secret).rekey(CONTEXT_ID)).isEqualTo(expected).isNotEqualTo(CONTEXT_ID);
  }

  @Test
  void differentSecretsGiveUnrelatedKeys() {
    ContextKeyer a = ContextKeyer.withSecret(new byte[16]);
    byte[] other = new byte[16];
    other[0] = 1;
    assertThat(a.rekey(CONTEXT_ID)).isNotEqualTo(ContextKeyer.withSecret(other).rekey(CONTEXT_ID));
  }

  @Test
  void theCheckTellsSecretsApartAndIsNeitherTheSecretNorAContextIdsKey() throws Exception {
    byte[] secret = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    byte[] other = secret.clone();
    other[0] ^= 1;
    ContextKeyer keyer = ContextKeyer.withSecret(secret);
    java.security.MessageDigest sha256 = java.security.MessageDigest.getInstance("SHA-256");
    sha256.update(secret);
    sha256.update((byte) 0);
    sha256.update("context key check".getBytes(StandardCharsets.UTF_8));
    sha256.update((byte) 0);
    String expected = HexFormat.of().formatHex(sha256.digest(), 0, 16);

    assertThat(keyer.check()).isEqualTo(expected).isEqualTo(ContextKeyer.withSecret(secret.clone()).check());
    assertThat(keyer.check()).isNotEqualTo(ContextKeyer.withSecret(other).check())
        .doesNotContain(HexFormat.of().formatHex(secret).substring(0, 8))
        .isNotEqualTo(keyer.rekey("context key check").substring(0, 32));
  }

  @Test
  void keepsARandomUuidInstanceIdAndReKeysAnyOtherIntoOne() {
    ContextKeyer keyer = ContextKeyer.withSecret(new byte[16]);
    byte[] otherSecret = new byte[16];
    otherSecret[0] = 1;
    String random = "C0FFEE00-1234-4ABC-8DEF-0123456789AB";
    assertThat(keyer.instanceId(random)).isSameAs(random);

    for (String sent : List.of("janes-laptop", "6ba7b810-9dad-11d1-80b4-00c04fd430c8",
        "c0ffee00-1234-4abc-cdef-0123456789ab", "{c0ffee00-1234-4abc-8def-0123456789ab}",
        "c0ffee00-1234-4abc-8def-0123456789a١", "")) {
      String stored = keyer.instanceId(sent);
      assertThat(stored).as(sent).isNotEqualTo(sent).isEqualTo(keyer.instanceId(sent));
      assertThat(UUID.fromString(stored).version()).isEqualTo(4);
      assertThat(UUID.fromString(stored).toString()).isEqualTo(stored);
      assertThat(keyer.instanceId(stored)).as("keying a stored id again").isEqualTo(stored);
      assertThat(ContextKeyer.withSecret(otherSecret).instanceId(sent)).as("another secret").isNotEqualTo(stored);
    }
  }

  @Test
  void rejectsShortSecrets() {
    assertThatThrownBy(() -> ContextKeyer.withSecret(new byte[8])).hasMessageContaining("at least 16 bytes");
  }

  @Test
  void generatesTheSecretOnceAtFirstStartOwnerReadableOnly() throws Exception {
    String first = ContextKeyFile.load(null, dataDir).rekey(CONTEXT_ID);
    Path file = dataDir.resolve(ContextKeyFile.FILE_NAME);
    assertThat(Files.readString(file).strip()).matches("[0-9a-f]{64}");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(ContextKeyFile.load(null, dataDir).rekey(CONTEXT_ID)).isEqualTo(first);
  }

  @Test
  void aConfiguredSecretWinsOverTheFile() throws Exception {
    String generated = ContextKeyFile.load(null, dataDir).rekey(CONTEXT_ID);
    String configured = ContextKeyFile.load("00112233445566778899aabbccddeeff", dataDir).rekey(CONTEXT_ID);
    assertThat(configured).isNotEqualTo(generated);
    assertThat(ContextKeyFile.load("00112233445566778899aabbccddeeff", Path.of("/nonexistent")).rekey(CONTEXT_ID))
        .isEqualTo(configured);
  }
}
