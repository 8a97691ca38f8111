package dev.pulse.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import dev.pulse.client.send.QuietMemory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuietFileTest {

  private static final URI ENDPOINT = URI.create("https://telemetry.acme.example/query");
  private static final Instant MONDAY = Instant.parse("2026-12-07T09:00:00Z");

  @TempDir Path dir;

  private QuietFile at(Instant now) {
    return at(now, ENDPOINT);
  }

  private QuietFile at(Instant now, URI endpoint) {
    return new QuietFile(dir, endpoint, "", Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void aQuietIsSaidInMinutesUnderAnHourAndInHoursFromThenOnRoundedUp() {
    assertThat(QuietMemory.inWords(Duration.ofSeconds(899))).isEqualTo("15 min");
    assertThat(QuietMemory.inWords(Duration.ofSeconds(1))).isEqualTo("1 min");
    assertThat(QuietMemory.inWords(Duration.ofMinutes(60))).isEqualTo("1 h");
    assertThat(QuietMemory.inWords(Duration.ofMinutes(61))).isEqualTo("2 h");
    assertThat(QuietMemory.inWords(Duration.ofMinutes(1215))).isEqualTo("21 h");
  }

  @Test
  void nothingIsRememberedOfAServerNeverLeftAlone() {
    assertThat(at(MONDAY).remembered()).isNull();
  }

  @Test
  void anUnansweredServerIsLeftAloneFifteenMinutesThenTwiceAsLongEachTimeInARowUpToADay() {
    Instant now = MONDAY;
    List<Duration> quiets = new ArrayList<>();
    for (int run = 0; run < 9; run++) {
      Duration quiet = at(now).unanswered();
      quiets.add(quiet);
      assertThat(at(now).remembered()).isEqualTo(quiet);
      assertThat(at(now.plus(quiet).minusSeconds(1)).remembered()).isEqualTo(Duration.ofSeconds(1));
      now = now.plus(quiet);
      assertThat(at(now).remembered()).as("over, but still remembered until an answer").isZero();
    }

    assertThat(quiets).containsExactly(Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1),
        Duration.ofHours(2), Duration.ofHours(4), Duration.ofHours(8), Duration.ofHours(16), Duration.ofDays(1),
        Duration.ofDays(1));
  }

  @Test
  void anAnswerOrADayAfterTheQuietEndedStartsTheCountAgain() {
    at(MONDAY).unanswered();
    at(MONDAY).unanswered();
    at(MONDAY).forget();
    assertThat(at(MONDAY).remembered()).isNull();
    assertThat(at(MONDAY).unanswered()).isEqualTo(QuietFile.FIRST_QUIET);

    Instant aDayAfterItsEnd = MONDAY.plus(QuietFile.FIRST_QUIET).plus(QuietFile.MAX_QUIET).plusSeconds(1);
    assertThat(at(aDayAfterItsEnd).remembered()).isNull();
    assertThat(at(aDayAfterItsEnd).unanswered()).isEqualTo(QuietFile.FIRST_QUIET);
  }

  @Test
  void aServersOwnPauseIsKeptAsAskedWithinADayAndKeepsTheCount() {
    at(MONDAY).unanswered();
    at(MONDAY).pausedFor(Duration.ofMinutes(40));
    assertThat(at(MONDAY).remembered()).isEqualTo(Duration.ofMinutes(40));
    assertThat(at(MONDAY).unanswered()).as("the second time in a row").isEqualTo(Duration.ofMinutes(30));

    at(MONDAY).pausedFor(Duration.ofDays(30));
    assertThat(at(MONDAY).remembered()).isEqualTo(QuietFile.MAX_QUIET);
  }

  @Test
  void eachServerHasItsOwnQuietAndTheFileNamesNone() throws Exception {
    URI other = URI.create("http://127.0.0.1:8080/query");
    at(MONDAY).unanswered();
    at(MONDAY, other).unanswered();
    at(MONDAY, other).unanswered();
    at(MONDAY).forget();

    assertThat(at(MONDAY).remembered()).isNull();
    assertThat(at(MONDAY, other).remembered()).isEqualTo(Duration.ofMinutes(30));
    assertThat(dir.resolve(QuietFile.FILE_NAME)).content().doesNotContain("acme", "127.0.0.1").hasLineCount(1);
  }

  @Test
  void aQuietBeyondADayAheadIsForgottenAsAClockSetBackWouldLeaveIt() throws Exception {
    at(MONDAY).unanswered();
    assertThat(at(MONDAY.minus(Duration.ofDays(2))).remembered()).isNull();
  }

  @Test
  void aQuietIsForgottenWhenTheClockIsSetBackBeforeItWasWrittenSoItIsNeverStretched() {
    at(MONDAY).unanswered();
    assertThat(at(MONDAY.minus(Duration.ofHours(1))).remembered()).as("an hour back: not 1 h 15 min").isNull();
    assertThat(at(MONDAY.plusSeconds(60)).remembered()).isEqualTo(QuietFile.FIRST_QUIET.minusSeconds(60));
  }

  @Test
  void aLineOfTheFirstVersionWithoutItsWritingTimeIsStillRead() throws Exception {
    at(MONDAY).unanswered();
    String line = Files.readAllLines(dir.resolve(QuietFile.FILE_NAME)).get(0);
    Files.writeString(dir.resolve(QuietFile.FILE_NAME), line.substring(0, line.lastIndexOf(' ')) + "\n");

    assertThat(at(MONDAY).remembered()).isEqualTo(QuietFile.FIRST_QUIET);
    assertThat(at(MONDAY).unanswered()).as("its count kept").isEqualTo(QuietFile.FIRST_QUIET.multipliedBy(2));
  }

  @Test
  void aServerReachedThroughAProxyHasAQuietOfItsOwnSoASilentProxyLeavesAloneOnlyWhatGoesThroughIt() {
    Clock monday = Clock.fixed(MONDAY, ZoneOffset.UTC);
    new QuietFile(dir, ENDPOINT, "proxy.corp:3128", monday).unanswered();

    assertThat(new QuietFile(dir, ENDPOINT, "proxy.corp:3128", monday).remembered()).isEqualTo(QuietFile.FIRST_QUIET);
    assertThat(at(MONDAY).remembered()).as("the same server, directly").isNull();
    assertThat(new QuietFile(dir, ENDPOINT, "other.corp:3128", monday).remembered()).isNull();
  }

  @Test
  void linesItCannotReadAreIgnoredAndTheFileStaysBounded() throws Exception {
    Files.writeString(dir.resolve(QuietFile.FILE_NAME), "garbage\n99999999999999999999 1 0123456789abcdef\n"
        + MONDAY.getEpochSecond() + " x 0123456789abcdef\n");
    assertThat(at(MONDAY).remembered()).isNull();
    for (int i = 0; i < 2 * QuietFile.MAX_REMEMBERED; i++) {
      at(MONDAY, URI.create("http://host-" + i + ".example/query")).unanswered();
    }
    at(MONDAY).unanswered();

    assertThat(Files.readAllLines(dir.resolve(QuietFile.FILE_NAME))).hasSize(QuietFile.MAX_REMEMBERED);
    assertThat(at(MONDAY).remembered()).as("the most recent kept").isEqualTo(QuietFile.FIRST_QUIET);
  }

  @Test
  void aDirectoryItCannotWriteRemembersNothingAndThrowsNothing() throws Exception {
    Path notADirectory = Files.writeString(dir.resolve("file"), "x");
    QuietFile quiet = new QuietFile(notADirectory, ENDPOINT, "", Clock.fixed(MONDAY, ZoneOffset.UTC));

    assertThat(quiet.unanswered()).as("no quiet said when none is kept").isZero();
    quiet.pausedFor(Duration.ofMinutes(5));
    quiet.forget();
    assertThat(quiet.remembered()).isNull();
  }

  @Test
  void runsEndingAtOnceKeepEachOthersServersAndCounts() throws Exception {
    int runs = 12;
    int strikes = 5;
    List<Duration> last = AtOnce.run(runs, run -> () -> {
      URI endpoint = URI.create("https://telemetry" + run + ".example/query");
      Duration quiet = null;
      for (int i = 0; i < strikes; i++) {
        quiet = at(MONDAY, endpoint).unanswered(); // each its own, as separate processes have
      }
      return quiet;
    });

    Duration fifth = QuietFile.FIRST_QUIET.multipliedBy(1L << (strikes - 1));
    assertThat(last).as("the fifth quiet in a row").containsOnly(fifth);

    for (int run = 0; run < runs; run++) {
      assertThat(at(MONDAY, URI.create("https://telemetry" + run + ".example/query")).remembered())
          .as("server %d", run).isEqualTo(fifth);
    }
  }

  @Test
  void whileAnotherRunHoldsTheConfigDirectoryAQuietIsNotWrittenAndTheFileStaysWhole() throws Exception {
    at(MONDAY).unanswered();
    List<String> before = Files.readAllLines(dir.resolve(QuietFile.FILE_NAME));
    try (SpoolLockHolder held = SpoolLockHolder.holding(dir.resolve(Spool.LOCK_FILE_NAME))) {
      assertThat(at(MONDAY).unanswered()).as("not kept while another run held the lock").isZero();
      at(MONDAY).forget();
      assertThat(Files.readAllLines(dir.resolve(QuietFile.FILE_NAME))).isEqualTo(before);
    }
    assertThat(at(MONDAY).unanswered()).isEqualTo(QuietFile.FIRST_QUIET.multipliedBy(2));
  }
}
