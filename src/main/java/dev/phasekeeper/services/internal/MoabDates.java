package dev.phasekeeper.services.internal;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Moab's date format, {@code 2011-12-07 16:03:40 UTC}, and the ISO-8601 forms clients send. */
final class MoabDates {

  private static final DateTimeFormatter OUT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT);
  private static final DateTimeFormatter WITH_ZONE = new DateTimeFormatterBuilder()
      .appendPattern("yyyy-MM-dd HH:mm:ss ")
      .appendZoneText(java.time.format.TextStyle.SHORT)
      .toFormatter(Locale.ROOT);
  private static final DateTimeFormatter PLAIN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  private MoabDates() {}

  static String format(OffsetDateTime time) {
    return time == null ? null : OUT.format(time.withOffsetSameInstant(ZoneOffset.UTC));
  }

  /**
   * Parses {@code 2011-11-08 13:18:47 MST}, {@code 2011-11-08 13:18:47} (UTC) or ISO-8601.
   *
   * @throws IllegalArgumentException naming the field and the accepted forms
   */
  static OffsetDateTime parse(String field, String text) {
    String value = text.trim();
    try {
      if (value.contains("T")) {
        return OffsetDateTime.parse(value).withOffsetSameInstant(ZoneOffset.UTC);
      }
      if (value.length() > 19) {
        ZonedDateTime zoned = ZonedDateTime.parse(value, WITH_ZONE);
        return zoned.toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
      }
      return LocalDateTime.parse(value, PLAIN).atZone(ZoneId.of("UTC")).toOffsetDateTime();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(field + ": '" + text + "' is not a date (use"
          + " 'yyyy-MM-dd HH:mm:ss ZONE', e.g. '2011-12-07 16:03:40 UTC', or ISO-8601)");
    }
  }
}
