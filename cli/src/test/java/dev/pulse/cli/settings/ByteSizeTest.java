package dev.pulse.cli.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class ByteSizeTest {

  private final ByteSize size = new ByteSize();

  @Test
  void readsBytesAndBinaryUnits() {
    assertThat(size.convert("0")).isZero();
    assertThat(size.convert("1234")).isEqualTo(1234);
    assertThat(size.convert("256MiB")).isEqualTo(256L << 20);
    assertThat(size.convert(" 2 gib ")).isEqualTo(2L << 30);
    assertThat(size.convert("3KiB")).isEqualTo(3L << 10);
  }

  @Test
  void refusesWhatIsNotASizeSayingHowToWriteOne() {
    for (String bad : new String[] {"lots", "-1", "1.5GiB", "10MB", ""}) {
      assertThatThrownBy(() -> size.convert(bad))
          .isInstanceOf(TypeConversionException.class)
          .hasMessageContaining("is not a size")
          .hasMessageContaining("256MiB");
    }
    assertThatThrownBy(() -> size.convert("99999999999TiB")).hasMessageContaining("too large");
  }
}
