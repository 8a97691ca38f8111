package dev.pulse.cli.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.FutureTask;
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
    FutureTask<String> masking = new FutureTask<>(() -> AddressMask.mask(line));
    new Thread(null, masking, "small-stack", 256 * 1024).start();

    // get() throws what the masking threw, a StackOverflowError included
    assertThat(masking.get()).endsWith(" from <address>").doesNotContain("10.1.2.3");
  }

  @Test
  void nothingToMaskLeavesTheLineAsItIs() {
    assertThat(AddressMask.mask("Pending read in onCompleted")).isEqualTo("Pending read in onCompleted");
    assertThat(AddressMask.mask(null)).isNull();
  }
}
