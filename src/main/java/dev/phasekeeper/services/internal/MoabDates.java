package dev.phasekeeper.services.internal;

import java.time.OffsetDateTime;
import dev.phasekeeper.web.MoabJson;

/** Moab's date format, {@code 2011-12-07 16:03:40 UTC}, and the ISO-8601 forms clients send. */
final class MoabDates {

  private MoabDates() {}

  static String format(OffsetDateTime time) {
    return MoabJson.date(time);
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
      throw new IllegalArgumentException(field + ": '" + text + "' is not a date (use "
          + QueryDates.EXAMPLES + ")");
    }
  }
}
