package dev.pulse.schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Hashes identifiers before they leave a process: lowercase hex of SHA-256 over the UTF-8 bytes of
 * {@code salt + value}, as the Go components do. With the default salt, the same kube-system UID gives
 * the same contextId in Java and Go. The salt is public, so the result is pseudonymous, not secret.
 *
 * <p>Thread-safe and immutable.
 */
public final class Anonymizer {

  /** The salt of the Go components. */
  public static final String DEFAULT_SALT = "jTfYPbjfq9VlhTDfV9lZEyBI29QYqPqn";

  private static final Anonymizer DEFAULT = new Anonymizer(DEFAULT_SALT);

  private final byte[] salt;

  private Anonymizer(String salt) {
    this.salt = salt.getBytes(StandardCharsets.UTF_8);
  }

  /** The anonymizer with the Go components' salt. */
  public static Anonymizer create() {
    return DEFAULT;
  }

  /** An anonymizer with another salt. */
  public static Anonymizer withSalt(String salt) {
    Objects.requireNonNull(salt, "salt");
    return new Anonymizer(salt);
  }

  /** {@code anonymize(value)} with the default salt. */
  public static String anonymizeDefault(String value) {
    return DEFAULT.anonymize(value);
  }

  /** Lowercase hex SHA-256 of salt + value. */
  public String anonymize(String value) {
    Objects.requireNonNull(value, "value");
    MessageDigest digest = sha256();
    digest.update(salt);
    digest.update(value.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
