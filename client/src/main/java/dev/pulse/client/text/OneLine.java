package dev.pulse.client.text;

/**
 * Text from outside the SDK (a server's answer, a setting's value, a flag) as a log line quotes it: on
 * one line and of bounded length, so that whoever supplied it cannot write lines of their own into the
 * host's log, nor long ones.
 */
public final class OneLine {

  /** The most characters {@link #quoted(String)} keeps. */
  public static final int MAX_QUOTED = 200;

  private OneLine() {}

  /**
   * {@code text} on one line: a line break, a tab or any other control or format character (a
   * terminal escape, a bidirectional override) written as an escape: {@code \n}, {@code \r}, {@code \t},
   * else a backslash, {@code u} and four hex digits; the same instance when there is none. Null is "".
   */
  public static String of(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder line = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int type = Character.getType(c);
      boolean breaks = type == Character.CONTROL || type == Character.FORMAT
          || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
      if (breaks && line == null) {
        line = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (!breaks) {
        if (line != null) {
          line.append(c);
        }
      } else if (c == '\n' || c == '\r' || c == '\t') {
        line.append('\\').append(c == '\n' ? 'n' : c == '\r' ? 'r' : 't');
      } else {
        line.append(String.format("\\u%04x", (int) c));
      }
    }
    return line == null ? text : line.toString();
  }

  /** {@link #of} {@code text}, cut to {@value #MAX_QUOTED} characters, {@code …} marking a cut. */
  public static String quoted(String text) {
    return quoted(text, MAX_QUOTED);
  }

  /**
   * {@link #of} {@code text}, cut to {@code max} characters (never inside a surrogate pair), {@code …}
   * marking a cut.
   */
  public static String quoted(String text, int max) {
    String line = of(text);
    if (line.length() <= max) {
      return line;
    }
    int end = Character.isHighSurrogate(line.charAt(max - 1)) ? max - 1 : max;
    return line.substring(0, end) + "…";
  }
}
