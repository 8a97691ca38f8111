package dev.pulse.server.privacy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;

/**
 * Re-keys contextIds before they are stored. A contextId is only pseudonymous: it is SHA-256 with a
 * public salt, so anyone who knows a cluster's kube-system UID can recompute it. The store keeps
 * HMAC-SHA256(serverSecret, contextId) instead, so a leaked database cannot be matched against a known
 * cluster. Everything that takes a contextId from a user (erasure, filters) re-keys it the same way.
 *
 * <p>A componentInstanceId that is not a random UUID is re-keyed too ({@link #instanceId}).
 *
 * <p>Immutable and thread-safe.
 */
public final class ContextKeyer {

  // Keeps an instance id's key apart from the key of a contextId with the same text.
  private static final String INSTANCE_DOMAIN = "componentInstanceId:";

  private final byte[] secret;
  private final HmacSha256 hmac;

  private ContextKeyer(byte[] secret) {
    this.secret = secret.clone();
    this.hmac = new HmacSha256(secret);
  }

  /** A keyer with the given secret (at least 16 bytes). */
  public static ContextKeyer withSecret(byte[] secret) {
    Objects.requireNonNull(secret, "secret");
    if (secret.length < 16) {
      throw new IllegalArgumentException(
          "context key must be at least 16 bytes, got " + secret.length);
    }
    return new ContextKeyer(secret);
  }

  /** The stored key of a contextId as sent: lowercase hex HMAC-SHA256. */
  public String rekey(String contextId) {
    return HexFormat.of().formatHex(hmac.of(contextId.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * The stored form of a componentInstanceId. A random (version 4) UUID, which every component sends,
   * says nothing about its host and is kept as sent. Anything else a client puts there (a host name, a
   * version 1 UUID, which holds the host's MAC address and a time) is replaced by a version 4 UUID made
   * of HMAC-SHA256(serverSecret, "componentInstanceId:" + id): one instance keeps one id, the id cannot
   * be recomputed without the secret, and keying a stored id again leaves it as it is.
   */
  public String instanceId(String sent) {
    if (isRandomUuid(sent)) {
      return sent;
    }
    byte[] digest = hmac.of((INSTANCE_DOMAIN + sent).getBytes(StandardCharsets.UTF_8));
    digest[6] = (byte) ((digest[6] & 0x0f) | 0x40); // version 4
    digest[8] = (byte) ((digest[8] & 0x3f) | 0x80); // IETF variant
    ByteBuffer bytes = ByteBuffer.wrap(digest);
    return new UUID(bytes.getLong(), bytes.getLong()).toString();
  }

  /**
   * A key for another purpose, derived from the server secret and {@code material}: SHA-256(secret, 0,
   * purpose, 0, material). Every server sharing the secret derives the same key. Not an HMAC under the
   * secret, which is what a contextId gets: a client sending the purpose as its contextId must not find
   * the key stored.
   */
  public byte[] derivedKey(String purpose, byte[] material) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(secret);
      sha256.update((byte) 0);
      sha256.update(purpose.getBytes(StandardCharsets.UTF_8));
      sha256.update((byte) 0);
      return sha256.digest(material);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /**
   * A check of the secret, to tell whether two keyers share it without showing it: 16 bytes of
   * {@link #derivedKey} for its own purpose, in hex.
   */
  public String check() {
    return HexFormat.of().formatHex(derivedKey("context key check", new byte[0]), 0, 16);
  }

  /** Whether {@code id} is a version 4 UUID in its usual text form, in either case. */
  static boolean isRandomUuid(String id) {
    if (id.length() != 36 || id.charAt(14) != '4' || "89abAB".indexOf(id.charAt(19)) < 0) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = id.charAt(i);
      boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
      if (dash ? c != '-' : !isHexDigit(c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isHexDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
