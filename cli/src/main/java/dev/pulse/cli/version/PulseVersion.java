package dev.pulse.cli.version;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest ({@code Implementation-Version}), or "dev" when run from classes. */
public final class PulseVersion implements IVersionProvider {

  /** This build's version, or "dev". */
  public static String current() {
    String version = PulseVersion.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"pulse " + current()};
  }
}
