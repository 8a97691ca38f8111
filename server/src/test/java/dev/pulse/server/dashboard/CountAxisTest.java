package dev.pulse.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The count axis ({@code count-axis.js}) drawn by the real uPlot in Chromium: whatever the largest
 * count, its ticks are whole numbers; the same chart with uPlot's default axis is the control.
 */
class CountAxisTest {

  @RegisterExtension static final SignedInBrowser session = new SignedInBrowser();

  // Draws a 400 px chart of [0, max] with the count axis or the default one; answers its y ticks.
  private static final String DRAW =
      """
      const [max, counted, done] = arguments;
      Promise.all([import('/dashboard/lib/uplot.js'), import('/dashboard/count-axis.js')]).then(([u, axis]) => {
        const uPlot = u.default;
        const host = document.createElement('div');
        document.body.append(host);
        const y = counted ? axis.countAxis({}) : {};
        const plot = new uPlot({ width: 400, height: 260, scales: { x: { time: false },
            y: { range: (p, lo, hi) => [0, Math.max(1, hi * 1.1)] } }, axes: [{}, y],
            series: [{}, { label: 'installs' }] }, [[1, 2, 3], [0, max, 0]], host);
        // uPlot draws its axes on the next frame.
        requestAnimationFrame(() => {
          const ticks = plot.axes[1]._splits.map(Number);
          plot.destroy();
          host.remove();
          done(ticks);
        });
      }).catch((e) => done(['failed: ' + e.message]));
      """;

  @Test
  void countTicksAreWholeNumbersForSmallAndLargeCounts() {
    session.open("/");

    for (int max : new int[] {0, 1, 2, 3, 7, 13, 250, 123_457}) {
      assertThat(ticks(max, true)).as("largest count %d", max).isNotEmpty()
          .allSatisfy(tick -> assertThat(tick % 1).isZero());
    }
  }

  @Test
  void uPlotsDefaultAxisWouldStepInFractionsOfAnInstall() {
    session.open("/");

    assertThat(ticks(1, false)).anySatisfy(tick -> assertThat(tick % 1).isNotZero());
  }

  @SuppressWarnings("unchecked")
  private static List<Double> ticks(int max, boolean counted) {
    List<Object> raw =
        (List<Object>) session.browser().driver().executeAsyncScript(DRAW, max, counted);
    return raw.stream()
        .map(t -> {
          if (t instanceof Number n) {
            return n.doubleValue();
          }
          throw new AssertionError("the chart could not be drawn: " + t);
        })
        .toList();
  }
}
