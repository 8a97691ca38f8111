package dev.pulse.server.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Re-keys contextIds before they are stored. A contextId is only pseudonymous: it is SHA-256 with a
 * public salt, so anyone who knows a cluster's kube-system UID can recompute it. The store keeps
 * HMAC-SHA256(serverSecret, contextId) instead, so a leaked database cannot be matched against a known
 * cluster. Everything that takes a contextId from a user (erasure, filters) re-keys it the same way.
 *
 * <p>Immutable and thread-safe; {@link Mac} instances are per thread because they are not.
 */
public final class ContextKeyer {

  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;
  private final ThreadLocal<Mac> macs;

  private ContextKeyer(byte[] secret) {
    this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
    this.macs = ThreadLocal.withInitial(this::newMac);
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
    Mac mac = macs.get();
    byte[] digest = mac.doFinal(contextId.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest);
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has " + ALGORITHM, e);
    }
  }
}
