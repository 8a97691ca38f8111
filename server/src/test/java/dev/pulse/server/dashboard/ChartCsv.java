package dev.pulse.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The CSV a chart's "Download CSV" link holds, read from the link as a user's download would get
 * it (the test data sets hold no commas or quotes, so a line splits on commas).
 */
record ChartCsv(List<String> header, List<List<String>> rows) {

  private static final String PREFIX = "data:text/csv;charset=utf-8,";

  /** The CSV of the chart labelled {@code chart} on the page the browser shows. */
  static ChartCsv of(BrowserSession browser, String chart) {
    WebElement link =
        browser.driver().findElement(By.cssSelector("a.csv-link[data-csv='" + chart + "']"));
    assertThat(link.isDisplayed()).as("the CSV link of %s is visible", chart).isTrue();
    String href = link.getAttribute("href");
    assertThat(href).startsWith(PREFIX);
    String text = URLDecoder.decode(href.substring(PREFIX.length()), StandardCharsets.UTF_8);
    assertThat(text).endsWith("\r\n");
    List<List<String>> lines =
        Arrays.stream(text.split("\r\n")).map(line -> List.of(line.split(",", -1))).toList();
    return new ChartCsv(lines.get(0), lines.subList(1, lines.size()));
  }

  /** The value of {@code column} in the row whose first field is {@code x}. */
  String value(String x, String column) {
    int index = header.indexOf(column);
    assertThat(index).as("column %s in %s", column, header).isNotNegative();
    return rows.stream()
        .filter(row -> row.get(0).equals(x))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row " + x + " in the CSV"))
        .get(index);
  }
}
