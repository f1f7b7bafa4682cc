package dev.phasekeeper.services.internal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Moab's date format, {@code 2011-12-07 16:03:40 UTC}, and the ISO-8601 forms clients send. */
final class MoabDates {

  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT);

  private MoabDates() {}

  /** {@code 2011-12-07 16:03:40 UTC}; {@code null} stays {@code null}. */
  static String format(OffsetDateTime time) {
    return time == null ? null : FORMAT.format(time.withOffsetSameInstant(ZoneOffset.UTC));
  }

  /**
   * Parses {@code 2011-11-08 13:18:47 MST} or ISO-8601 (see {@link QueryDates}).
   *
   * @throws IllegalArgumentException naming the field and the accepted forms
   */
  static OffsetDateTime parse(String field, String text) {
    try {
      return QueryDates.parse(text);
    } catch (java.time.DateTimeException e) {
      throw new IllegalArgumentException(
          field + ": '" + text + "' is not a date (use " + QueryDates.EXAMPLES + ")");
    }
  }
}
