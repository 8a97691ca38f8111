package dev.pulse.schema;

/**
 * The checks that tell a person's number from any run of digits of the same shape, for {@link
 * IdentifierScrubber}: a payment card's Luhn digit, an IBAN's check digits, a telephone number's length.
 */
final class PersonalNumbers {

  /** The length of the shortest IBAN (Norway's) and of the longest any country may use. */
  private static final int IBAN_MIN = 15;
  private static final int IBAN_MAX = 34;
  /** The digits of an international number, country code included (E.164 allows at most 15). */
  private static final int PHONE_MIN_DIGITS = 8;
  private static final int PHONE_MAX_DIGITS = 15;
  private static final int PHONE_MIN_DIGITS_UNGROUPED = 10;

  private PersonalNumbers() {}

  /** Whether the digits of {@code number} (spaces and dashes aside) pass the Luhn check of card numbers. */
  static boolean isCard(String number) {
    int sum = 0;
    boolean doubled = false;
    for (int i = number.length() - 1; i >= 0; i--) {
      char c = number.charAt(i);
      if (c >= '0' && c <= '9') {
        int digit = c - '0';
        sum += doubled ? (digit * 2 > 9 ? digit * 2 - 9 : digit * 2) : digit;
        doubled = !doubled;
      }
    }
    return sum % 10 == 0;
  }

  /**
   * Whether {@code text} (spaces aside) is an IBAN of a possible length whose check digits hold: its
   * first four characters moved to its end and each letter read as a number from 10, it leaves 1 when
   * divided by 97 (ISO 13616).
   */
  static boolean isIban(String text) {
    String iban = text.replace(" ", "");
    if (iban.length() < IBAN_MIN || iban.length() > IBAN_MAX) {
      return false;
    }
    String moved = iban.substring(4) + iban.substring(0, 4);
    int remainder = 0;
    for (int i = 0; i < moved.length(); i++) {
      int value = Character.digit(moved.charAt(i), 36);
      remainder = (value < 10 ? remainder * 10 : remainder * 100) % 97;
      remainder = (remainder + value) % 97;
    }
    return remainder == 1;
  }

  /**
   * Whether {@code text} holds as many digits as an international telephone number can: 8 to 15 when
   * they are grouped, at least 10 when not, so that a signed count ({@code +12345678 rows}) stays.
   */
  static boolean isPhone(String text) {
    long digits = text.chars().filter(c -> c >= '0' && c <= '9').count();
    boolean grouped = text.chars().anyMatch(c -> c == ' ' || c == '.' || c == '-' || c == '(');
    return digits >= (grouped ? PHONE_MIN_DIGITS : PHONE_MIN_DIGITS_UNGROUPED) && digits <= PHONE_MAX_DIGITS;
  }
}
