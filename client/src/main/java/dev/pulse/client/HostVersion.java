package dev.pulse.client;

import dev.pulse.client.text.OneLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

/**
 * The host's version from a jar manifest's {@code Implementation-Version}: of the jar holding a given
 * class, or else of the jar the JVM was started with ({@code java -jar}); "unknown" otherwise, with a
 * WARNING saying how to give one (a maintainer would not notice otherwise).
 */
final class HostVersion {

  static final String UNKNOWN = "unknown";

  private static final System.Logger LOG = System.getLogger(HostVersion.class.getName());

  private HostVersion() {}

  /** The version, or {@link #UNKNOWN} with one WARNING. */
  static String of(Class<?> hostClass) {
    String version = find(hostClass);
    if (UNKNOWN.equals(version)) {
      String where = hostClass == null ? "no versionFrom(...) class was given"
          : "the jar of " + hostClass.getName() + " has no Implementation-Version in its manifest";
      LOG.log(System.Logger.Level.WARNING, "Pulse telemetry: no component version found (" + where
          + "); sending \"unknown\". Set builder.version(...) or add Implementation-Version to the jar manifest.");
    }
    return version;
  }

  /**
   * {@code version} without its control characters (a line break, a tab, a NUL...), which no server
   * keeps and no header may carry, with one WARNING when there were any; {@link #UNKNOWN} when nothing
   * else is left. Any other character stays: the server takes every Unicode text but a NUL.
   */
  static String clean(String version) {
    StringBuilder kept = new StringBuilder(version.length());
    version.codePoints().filter(c -> !Character.isISOControl(c)).forEach(kept::appendCodePoint);
    if (kept.length() == version.length()) {
      return version;
    }
    String sent = kept.toString().isBlank() ? UNKNOWN : kept.toString().strip();
    LOG.log(System.Logger.Level.WARNING, "Pulse telemetry: the component version holds control characters"
        + " (a line break, a tab, a NUL...), which are left out; sending \"" + OneLine.quoted(sent) + "\"");
    return sent;
  }

  private static String find(Class<?> hostClass) {
    if (hostClass != null) {
      Package p = hostClass.getPackage();
      if (p != null && p.getImplementationVersion() != null) {
        return p.getImplementationVersion();
      }
    }
    return ofLaunchedJar();
  }

  private static String ofLaunchedJar() {
    String command = System.getProperty("sun.java.command", "");
    String first = command.split(" ", 2)[0];
    if (!first.endsWith(".jar")) {
      return UNKNOWN;
    }
    try {
      Path jar = Path.of(first);
      if (!Files.isRegularFile(jar)) {
        return UNKNOWN;
      }
      try (JarFile file = new JarFile(jar.toFile())) {
        String v = file.getManifest() == null ? null
            : file.getManifest().getMainAttributes().getValue(Attributes.Name.IMPLEMENTATION_VERSION);
        return v == null || v.isBlank() ? UNKNOWN : v;
      }
    } catch (IOException | RuntimeException e) {
      return UNKNOWN;
    }
  }
}
