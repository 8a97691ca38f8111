package dev.pulse.cli.settings;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A size setting: a number of bytes, optionally with a binary unit ({@code 256MiB}, {@code 1GiB}). */
public final class ByteSize implements ITypeConverter<Long> {

  private static final Pattern SIZE = Pattern.compile("(\\d{1,18})\\s*(b|kib|mib|gib|tib)?");

  @Override
  public Long convert(String value) {
    Matcher m = SIZE.matcher(value.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new TypeConversionException(
          "'" + value + "' is not a size: write a number of bytes, or one with KiB, MiB, GiB or TiB (e.g. 256MiB)");
    }
    long number = Long.parseLong(m.group(1));
    int shift = switch (m.group(2) == null ? "b" : m.group(2)) {
      case "kib" -> 10;
      case "mib" -> 20;
      case "gib" -> 30;
      case "tib" -> 40;
      default -> 0;
    };
    if (number > (Long.MAX_VALUE >> shift)) {
      throw new TypeConversionException("'" + value + "' is too large a size");
    }
    return number << shift;
  }
}
