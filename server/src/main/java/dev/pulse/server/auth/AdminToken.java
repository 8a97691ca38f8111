package dev.pulse.server.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The admin token that guards everything under {@code /api/}. Configured ({@code PULSE_ADMIN_TOKEN}
 * or {@code --admin-token}), or else generated at first start: then only its SHA-256 is kept, in
 * {@value #FILE_NAME} in the data dir (owner-only), and the token itself is handed out once by
 * {@link #generated()} for the operator to note. The hash is written by {@link #keep()}, which the
 * server calls only once it listens: a start that fails leaves no token nobody was shown. To get a
 * new one, delete the file and restart.
 *
 * <p>Immutable and thread-safe. {@link #matches} compares digests in constant time.
 */
public final class AdminToken {

  /** The file under the data dir holding the hex SHA-256 of a generated token. */
  public static final String FILE_NAME = "admin-token.sha256";

  /** Where the token in force comes from. */
  public enum Source {
    /** Given in the configuration; nothing is stored. */
    CONFIGURED,
    /** Generated at this start; {@link #keep()} writes its hash. */
    GENERATED,
    /** Generated at an earlier start; only its hash is known. */
    STORED
  }

  private static final HexFormat HEX = HexFormat.of();

  private final byte[] digest;
  private final Source source;
  private final String generated;
  private final Path file;

  private AdminToken(byte[] digest, Source source, String generated, Path file) {
    this.digest = digest;
    this.source = source;
    this.generated = generated;
    this.file = file;
  }

  /**
   * The token in force.
   *
   * @param configured the configured token, or null to use (or create) the generated one
   * @param dataDir where a generated token's hash is kept
   */
  public static AdminToken resolve(String configured, Path dataDir) throws IOException {
    Path file = dataDir.resolve(FILE_NAME);
    if (configured != null && !configured.isBlank()) {
      return new AdminToken(sha256(configured.trim()), Source.CONFIGURED, null, file);
    }
    if (Files.exists(file)) {
      return new AdminToken(readHash(file), Source.STORED, null, file);
    }
    String token = newToken();
    return new AdminToken(sha256(token), Source.GENERATED, token, file);
  }

  /**
   * Writes the hash of a token generated at this start (nothing for another source). Call it once
   * the token can be shown to the operator.
   *
   * @throws IOException when the file cannot be written, or another process wrote one first (then
   *     only that process knows the token in force)
   */
  public void keep() throws IOException {
    if (source == Source.GENERATED && !create(file, digest)) {
      throw new IOException(file + " was created by another start meanwhile; restart to use its token");
    }
  }

  /** Whether a presented token is the admin token. Constant time in the token's content. */
  public boolean matches(String presented) {
    if (presented == null) {
      return false;
    }
    return matchesDigest(sha256(presented));
  }

  /** Whether a presented token's SHA-256 is this token's. Constant time. */
  boolean matchesDigest(byte[] presentedDigest) {
    return MessageDigest.isEqual(digest, presentedDigest);
  }

  /** The token's SHA-256. */
  byte[] digest() {
    return digest.clone();
  }

  public Source source() {
    return source;
  }

  /** The token generated at this start, to print once; empty otherwise. */
  public Optional<String> generated() {
    return Optional.ofNullable(generated);
  }

  /** The file where a generated token's hash is kept (whether or not it exists). */
  public Path file() {
    return file;
  }

  /** One line for the operator: where the token comes from and how to reset it. */
  public String describe() {
    switch (source) {
      case CONFIGURED:
        return "admin token: configured (PULSE_ADMIN_TOKEN or --admin-token)";
      case GENERATED:
        return "admin token generated; it is shown only now, keep it: " + generated
            + " (only its hash is stored, in " + file + ")";
      default:
        return "admin token: set at an earlier start (its hash is in " + file
            + "); to get a new one, delete that file and restart";
    }
  }

  private static String newToken() {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    return "pulse_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  private static byte[] readHash(Path file) throws IOException {
    String hex = Files.readString(file, StandardCharsets.US_ASCII).trim();
    try {
      byte[] digest = HEX.parseHex(hex);
      if (digest.length == 32) {
        return digest;
      }
    } catch (IllegalArgumentException notHex) {
      // reported below
    }
    throw new IOException(
        file + " does not hold a SHA-256 hex digest; delete it to generate a new admin token");
  }

  private static boolean create(Path file, byte[] digest) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
    try {
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // Windows: the data dir's ACL applies.
      }
      Files.writeString(tmp, HEX.formatHex(digest) + "\n", StandardCharsets.US_ASCII);
      Files.move(tmp, file);
      return true;
    } catch (FileAlreadyExistsException raced) {
      return false;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
