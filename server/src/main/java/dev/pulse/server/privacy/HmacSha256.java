package dev.pulse.server.privacy;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 under one secret key. Immutable and thread-safe: a {@link Mac} is not, so each thread
 * keeps its own, made once rather than looked up from the JCA providers on every call.
 */
public final class HmacSha256 {

  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;
  private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

  /** The HMAC keyed with a copy of {@code secret}. */
  public HmacSha256(byte[] secret) {
    this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
  }

  /** The 32-byte HMAC of {@code bytes}. */
  public byte[] of(byte[] bytes) {
    return of(bytes, 0, bytes.length);
  }

  /** The 32-byte HMAC of {@code length} bytes of {@code bytes} from {@code offset}. */
  public byte[] of(byte[] bytes, int offset, int length) {
    Mac mac = macs.get();
    mac.update(bytes, offset, length);
    return mac.doFinal();
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
