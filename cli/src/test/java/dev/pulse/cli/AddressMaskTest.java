package dev.pulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every form of address is masked, and no text, however long, takes the masking down. */
class AddressMaskTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      from /127.0.0.1:54321 closed        | from /<address> closed
      r=[::1]:8080,OPEN                   | r=<address>,OPEN
      via fe80::1%eth0 and 2001:db8::7    | via <address> and <address>
      mapped ::ffff:10.1.2.3 here         | mapped <address> here
      full 2001:db8:0:0:1:0:0:1 here      | full <address> here
      at 13:24:01 with 11.0.25            | at 13:24:01 with 11.0.25
      """)
  void addressesAreMaskedAndTimesAndVersionsAreNot(String line, String masked) {
    assertThat(AddressMask.mask(line)).isEqualTo(masked);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a:b:", "1:", "1:1:1:1:1:1:1:", "ff:ff::", "1.2.3.4.", "[1:", "1::"})
  void aLongRunOfAddressLikeTextIsReadOnASmallStackAndTheAddressAfterItIsMasked(String unit) throws Exception {
    String line = unit.repeat(16384 / unit.length()) + " from 10.1.2.3:443";
    String[] masked = new String[1];
    Throwable[] failure = new Throwable[1];
    Thread small = new Thread(null, () -> {
      try {
        masked[0] = AddressMask.mask(line);
      } catch (Throwable t) {
        failure[0] = t;
      }
    }, "small-stack", 256 * 1024);
    small.start();
    small.join();

    assertThat(failure[0]).as(unit).isNull();
    assertThat(masked[0]).endsWith(" from <address>").doesNotContain("10.1.2.3");
  }

  @Test
  void nothingToMaskLeavesTheLineAsItIs() {
    assertThat(AddressMask.mask("Pending read in onCompleted")).isEqualTo("Pending read in onCompleted");
    assertThat(AddressMask.mask(null)).isNull();
  }
}
