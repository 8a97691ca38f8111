package dev.pulse.server.publicstats;

import java.util.List;
import java.util.Map;

/** The public page: the three public answers as plain HTML tables, no script, no cookie. */
final class PublicPage {

  private PublicPage() {}

  static String render(Map<String, Object> installs, Map<String, Object> versions, Map<String, Object> features) {
    StringBuilder html = new StringBuilder(4096);
    html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>Public usage statistics</title><style>")
        .append("body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#222}")
        .append("table{border-collapse:collapse;width:100%;margin-bottom:2rem}")
        .append("th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #ddd}")
        .append("td.n{text-align:right;font-variant-numeric:tabular-nums}")
        .append("nav a{margin-right:1rem}</style></head><body>")
        .append("<h1>Public usage statistics</h1><p>Anonymous, aggregated usage from ")
        .append(escape(installs.get("from"))).append(" to ").append(escape(installs.get("to")))
        .append(". Groups of fewer than ").append(installs.get("minInstalls"))
        .append(" installs are not shown on their own.</p><nav>")
        .append("<a href=\"?period=30d\">30 days</a><a href=\"?period=90d\">90 days</a>")
        .append("<a href=\"?period=365d\">365 days</a></nav>");
    table(html, "Versions on the last day", List.of("version", "installs", "share"), rows(versions));
    table(html, "Features used", List.of("eventType", "installs"), rows(features));
    table(html, "Weekly active installs", List.of("day", "weeklyActive"), rows(installs));
    html.append("<p>JSON: <code>/api/public/v1/installs</code>, <code>/api/public/v1/versions</code>, ")
        .append("<code>/api/public/v1/features</code> (<code>?period=30d|90d|365d</code>).</p></body></html>");
    return html.toString();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> rows(Map<String, Object> answer) {
    return (List<Map<String, Object>>) answer.get("rows");
  }

  private static void table(StringBuilder html, String title, List<String> columns, List<Map<String, Object>> rows) {
    html.append("<h2>").append(escape(title)).append("</h2><table><thead><tr>");
    for (String column : columns) {
      html.append("<th>").append(escape(column)).append("</th>");
    }
    html.append("</tr></thead><tbody>");
    if (rows.isEmpty()) {
      html.append("<tr><td colspan=\"").append(columns.size()).append("\">Not enough installs to show.</td></tr>");
    }
    for (Map<String, Object> row : rows) {
      html.append("<tr>");
      for (String column : columns) {
        Object value = row.get(column);
        boolean number = value instanceof Number;
        html.append(number ? "<td class=\"n\">" : "<td>").append(value == null ? "–" : escape(value)).append("</td>");
      }
      html.append("</tr>");
    }
    html.append("</tbody></table>");
  }

  private static String escape(Object value) {
    return String.valueOf(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
