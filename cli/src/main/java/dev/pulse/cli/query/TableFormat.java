package dev.pulse.cli.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders rows as an aligned text table: numbers right-aligned, a dash for null, control characters
 * written out.
 */
final class TableFormat {

  private TableFormat() {}

  static String render(List<String> columns, List<Map<String, Object>> rows) {
    int[] widths = new int[columns.size()];
    List<String[]> cells = new ArrayList<>();
    for (int c = 0; c < columns.size(); c++) {
      widths[c] = columns.get(c).length();
    }
    for (Map<String, Object> row : rows) {
      String[] line = new String[columns.size()];
      for (int c = 0; c < columns.size(); c++) {
        Object value = row.get(columns.get(c));
        line[c] = value == null ? "-"
            : value instanceof Double d ? String.format(Locale.ROOT, "%.2f", d) : visible(value.toString());
        widths[c] = Math.max(widths[c], line[c].length());
      }
      cells.add(line);
    }
    StringBuilder out = new StringBuilder();
    appendLine(out, columns.toArray(new String[0]), widths, true);
    for (String[] line : cells) {
      appendLine(out, line, widths, false);
    }
    return out.toString();
  }

  private static void appendLine(StringBuilder out, String[] line, int[] widths, boolean header) {
    for (int c = 0; c < line.length; c++) {
      boolean number = !header && isNumber(line[c]);
      String cell = number ? " ".repeat(widths[c] - line[c].length()) + line[c]
          : line[c] + " ".repeat(widths[c] - line[c].length());
      out.append(cell).append(c == line.length - 1 ? "" : "  ");
    }
    out.append(System.lineSeparator());
  }

  /**
   * The text with its control characters written out ({@code \n}, {@code \u001b}): a client's error
   * message must neither break the table's lines nor send escape sequences to the reader's terminal.
   */
  static String visible(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (!Character.isISOControl(ch)) {
        if (out != null) {
          out.append(ch);
        }
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length() + 8).append(text, 0, i);
      }
      out.append(switch (ch) {
        case '\n' -> "\\n";
        case '\r' -> "\\r";
        case '\t' -> "\\t";
        default -> String.format("\\u%04x", (int) ch);
      });
    }
    return out == null ? text : out.toString();
  }

  private static boolean isNumber(String text) {
    return text.matches("-?\\d+(\\.\\d+)?");
  }
}
