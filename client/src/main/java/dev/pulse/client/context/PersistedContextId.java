package dev.pulse.client.context;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import dev.pulse.schema.Anonymizer;

/**
 * A random id created once and kept in the config directory (file {@code context-id}), for a CLI or a
 * plain host outside Kubernetes. The file holds a random UUID; the contextId is its anonymized hash, so
 * it has the same shape as a cluster's. The file is replaced atomically, so a reader
 * never sees a half-written id; a corrupt file is replaced.
 */
public final class PersistedContextId implements ContextIdProvider {

  /** The file name inside the config directory. */
  public static final String FILE_NAME = "context-id";

  private static final System.Logger LOG = System.getLogger(PersistedContextId.class.getName());
  private static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final Path directory;
  private final Anonymizer anonymizer;

  /** Keeps the id in {@code directory}. */
  public PersistedContextId(Path directory, Anonymizer anonymizer) {
    this.directory = directory;
    this.anonymizer = anonymizer;
  }

  @Override
  public Optional<String> contextId() {
    try {
      return Optional.of(anonymizer.anonymize(readOrCreate()));
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.DEBUG, "cannot keep a contextId in " + directory + ": " + e);
      return Optional.empty();
    }
  }

  /** The contextId from the file if it exists and holds an id; never creates or writes anything. */
  public Optional<String> existing() {
    try {
      return read(directory.resolve(FILE_NAME)).map(anonymizer::anonymize);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private String readOrCreate() throws IOException {
    Path file = directory.resolve(FILE_NAME);
    Optional<String> existing = read(file);
    if (existing.isPresent()) {
      return existing.get();
    }
    Files.createDirectories(directory);
    String id = UUID.randomUUID().toString();
    Path temp = Files.createTempFile(directory, FILE_NAME, ".tmp");
    try {
      Files.writeString(temp, id + "\n", StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
    // Re-read: when two first runs race, both end up with whichever rename came last.
    return read(file).orElse(id);
  }

  private static Optional<String> read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    String text = Files.readString(file, StandardCharsets.UTF_8).trim();
    return UUID_TEXT.matcher(text).matches() ? Optional.of(text) : Optional.empty();
  }
}
