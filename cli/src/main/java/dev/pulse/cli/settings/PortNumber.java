package dev.pulse.cli.settings;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a {@code --port} value, refusing one that is no number in a port's words rather than an int's
 * ("from -2147483648 to 2147483647"); a number out of a port's range is refused where the server's
 * settings are checked, naming the range.
 */
public final class PortNumber implements ITypeConverter<Integer> {

  @Override
  public Integer convert(String value) {
    try {
      return Integer.valueOf(value.strip());
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + value + "' is not a port number: give a whole number from 0 to 65535"
          + " (0 picks a free one)");
    }
  }
}
