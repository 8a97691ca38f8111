package dev.pulse.cli.settings;

import dev.pulse.server.analytics.UtcDays;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.LocalDate;
import picocli.CommandLine;
import picocli.CommandLine.TypeConversionException;

/**
 * How option values are read, with refusals in the user's words: picocli's own say "is not a double"
 * or "is not a boolean", or name {@code java.time.LocalDate} and its parse exception.
 */
public final class ValueConverters {

  private ValueConverters() {}

  /** Registers the converters with {@code line} and every subcommand it has now. */
  public static void register(CommandLine line) {
    line.registerConverter(Integer.class, ValueConverters::wholeNumber);
    line.registerConverter(Integer.TYPE, ValueConverters::wholeNumber);
    line.registerConverter(Long.class, ValueConverters::longNumber);
    line.registerConverter(Long.TYPE, ValueConverters::longNumber);
    line.registerConverter(Double.class, ValueConverters::number);
    line.registerConverter(Double.TYPE, ValueConverters::number);
    line.registerConverter(LocalDate.class, ValueConverters::date);
    line.registerConverter(Boolean.class, ValueConverters::trueOrFalse);
    line.registerConverter(Boolean.TYPE, ValueConverters::trueOrFalse);
    line.registerConverter(Path.class, ValueConverters::path);
  }

  private static Path path(String value) {
    if (value.isEmpty()) { // Path.of("") is the current directory: --data-dir="$UNSET" would write there
      throw new TypeConversionException("is empty (an unset variable?): give a file or directory name, . for the"
          + " current directory");
    }
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw new TypeConversionException("'" + value + "' is not a path this system takes: " + e.getReason());
    }
  }

  private static Integer wholeNumber(String value) {
    try {
      return Integer.valueOf(value.strip());
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + value + "' is not a whole number from "
          + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE);
    }
  }

  private static Long longNumber(String value) {
    try {
      return Long.valueOf(value.strip());
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + value + "' is not a whole number");
    }
  }

  private static Double number(String value) {
    try {
      double number = Double.parseDouble(value.strip());
      if (Double.isNaN(number) || Double.isInfinite(number)) {
        throw new NumberFormatException(value);
      }
      return number;
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + value + "' is not a number, such as 0.05");
    }
  }

  private static Boolean trueOrFalse(String value) {
    String word = value.strip();
    if (word.equalsIgnoreCase("true") || word.equalsIgnoreCase("false")) {
      return Boolean.valueOf(word);
    }
    throw new TypeConversionException("'" + value + "' is not true or false");
  }

  private static LocalDate date(String value) {
    try {
      return UtcDays.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException("'" + value + "' is not a date YYYY-MM-DD (a UTC day from " + UtcDays.FIRST
          + " to " + UtcDays.LAST + ")");
    }
  }
}
