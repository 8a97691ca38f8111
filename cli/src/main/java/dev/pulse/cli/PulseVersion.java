package dev.pulse.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest ({@code Implementation-Version}), or "dev" when run from classes. */
final class PulseVersion implements IVersionProvider {

  static String current() {
    String version = PulseVersion.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"pulse " + current()};
  }
}
