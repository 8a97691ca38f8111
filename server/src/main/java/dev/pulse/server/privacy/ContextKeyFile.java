package dev.pulse.server.privacy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Where the context-key secret comes from: {@code PULSE_CONTEXT_KEY} (hex, or any string of at least
 * 16 bytes) when given; otherwise the file {@code context.key} in the data dir, generated (32 random
 * bytes, owner-only permissions) at first start. Several servers on one database must share it.
 */
public final class ContextKeyFile {

  /** The file name under the data dir. */
  public static final String FILE_NAME = "context.key";

  private ContextKeyFile() {}

  /**
   * The keyer for this server.
   *
   * @param configured the configured secret ({@code PULSE_CONTEXT_KEY}), or null
   * @param dataDir the data dir, where a generated secret is kept
   */
  public static ContextKeyer load(String configured, Path dataDir) throws IOException {
    return load(configured, dataDir, () -> {});
  }

  /** As {@link #load(String, Path)}; {@code made} runs when the data dir's key was made now. */
  public static ContextKeyer load(String configured, Path dataDir, Runnable made) throws IOException {
    if (configured != null && !configured.isBlank()) {
      return configured(configured);
    }
    Path file = dataDir.resolve(FILE_NAME);
    if (!Files.exists(file) && create(file)) {
      made.run(); // only by the start that made it: another, racing, must not remove it
    }
    return ContextKeyer.withSecret(decode(Files.readString(file, StandardCharsets.US_ASCII).trim()));
  }

  /**
   * The keyer of a configured secret ({@code PULSE_CONTEXT_KEY}): hex, or any string of at least 16 bytes.
   *
   * @throws IllegalArgumentException when it holds fewer than 16 bytes
   */
  public static ContextKeyer configured(String secret) {
    return ContextKeyer.withSecret(decode(secret.trim()));
  }

  /** Deletes the data dir's key, as a start that made it and then failed does; quiet if it cannot. */
  public static void forget(Path dataDir) {
    try {
      Files.deleteIfExists(dataDir.resolve(FILE_NAME));
    } catch (IOException e) {
      // The next start reads it: the store's check then refuses it again, in words.
    }
  }

  private static byte[] decode(String secret) {
    if (secret.length() % 2 == 0 && secret.matches("[0-9a-fA-F]+")) {
      return HexFormat.of().parseHex(secret);
    }
    return secret.getBytes(StandardCharsets.UTF_8);
  }

  /** Makes the key file whole or not at all; false when another process made it first (theirs is then used). */
  private static boolean create(Path file) throws IOException {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    Files.createDirectories(file.getParent());
    Path tmp = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
    try {
      restrictToOwner(tmp);
      Files.writeString(tmp, HexFormat.of().formatHex(secret) + "\n", StandardCharsets.US_ASCII);
      try {
        Files.createLink(file, tmp); // fails if it exists, in one step: a move would check, then replace theirs
      } catch (FileAlreadyExistsException raced) {
        throw raced;
      } catch (UnsupportedOperationException | IOException noLinks) {
        Files.move(tmp, file); // a file system without hard links (some network shares): as before
      }
      return true;
    } catch (FileAlreadyExistsException raced) {
      return false;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  static void restrictToOwner(Path path) throws IOException {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // Windows: the data dir's ACL applies.
    }
  }
}
