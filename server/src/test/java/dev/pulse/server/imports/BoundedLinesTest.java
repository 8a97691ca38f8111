package dev.pulse.server.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedLinesTest {

  @Test
  void splitsAtLineFeedsDroppingACarriageReturnBeforeOne() throws IOException {
    assertThat(lines("one\r\ntwo\n\nthree")).containsExactly("one", "two", "", "three");
    assertThat(lines("one\n")).containsExactly("one");
    assertThat(lines("")).isEmpty();
  }

  @Test
  void aLineAsLongAsTheBoundIsReadAcrossManyBuffers() throws IOException {
    String longest = "x".repeat(100_000);
    BoundedLines lines = new BoundedLines(new StringReader(longest + "\nnext"), longest.length());
    assertThat(lines.next()).isEqualTo(longest);
    assertThat(lines.next()).isEqualTo("next");
    assertThat(lines.next()).isNull();
  }

  @Test
  void aLineOverTheBoundIsRefusedWithoutBeingHeldWhole() {
    // A text with no line break at all, never ending: only a bound ends the read.
    Reader endless = new Reader() {
      @Override
      public int read(char[] buffer, int offset, int length) {
        Arrays.fill(buffer, offset, offset + length, 'a');
        return length;
      }

      @Override
      public void close() {}
    };
    assertThatThrownBy(() -> new BoundedLines(endless).next())
        .isInstanceOf(BoundedLines.LineTooLongException.class)
        .hasMessage("the line is longer than 32 Mi characters: not a record of pulse export");
  }

  @Test
  void aByteOrderMarkAtTheStartOfTheTextIsSkippedAndOneStartingALaterLineIsRefused() throws IOException {
    assertThat(lines("\uFEFFone\ntwo")).containsExactly("one", "two");
    assertThat(lines("one \uFEFF inside\n")).containsExactly("one \uFEFF inside");

    BoundedLines lines = new BoundedLines(new StringReader("\uFEFFone\n\uFEFFtwo\n"));
    assertThat(lines.next()).isEqualTo("one");
    assertThatThrownBy(lines::next).isInstanceOf(BoundedLines.BadLineException.class)
        .hasMessage("the line starts with a byte-order mark (U+FEFF), which only the start of a file may have:"
            + " not a record of pulse export");
  }

  private static List<String> lines(String text) throws IOException {
    BoundedLines lines = new BoundedLines(new StringReader(text));
    List<String> all = new ArrayList<>();
    for (String line = lines.next(); line != null; line = lines.next()) {
      all.add(line);
    }
    return all;
  }
}
