package dev.phasekeeper.services.internal;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Map;

/**
 * Dates in a {@code query}: as Moab writes them, {@code 2011-12-07 16:03:40 UTC}, or ISO-8601 with
 * an offset, {@code 2011-12-07T16:03:40Z}.
 *
 * <p>The zone after the time is a zone id ({@code UTC}, {@code Europe/Berlin}), an offset ({@code
 * +02:00}) or a North American abbreviation. An abbreviation names a fixed offset: {@code MST} is
 * always -07:00 and {@code MDT} -06:00, whatever the date, which is what a server printing them
 * meant ({@code java.time}'s zone-name parsing would read {@code MST} in July as -06:00).
 * Impossible dates such as month 14 are refused, not rolled over.
 */
final class QueryDates {

  static final String EXAMPLES = "'2011-12-07 16:03:40 UTC' or ISO-8601 '2011-12-07T16:03:40Z'";

  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT);

  private static final Map<String, ZoneOffset> ABBREVIATIONS =
      Map.ofEntries(
          Map.entry("UTC", ZoneOffset.UTC),
          Map.entry("GMT", ZoneOffset.UTC),
          Map.entry("Z", ZoneOffset.UTC),
          Map.entry("EST", ZoneOffset.ofHours(-5)),
          Map.entry("EDT", ZoneOffset.ofHours(-4)),
          Map.entry("CST", ZoneOffset.ofHours(-6)),
          Map.entry("CDT", ZoneOffset.ofHours(-5)),
          Map.entry("MST", ZoneOffset.ofHours(-7)),
          Map.entry("MDT", ZoneOffset.ofHours(-6)),
          Map.entry("PST", ZoneOffset.ofHours(-8)),
          Map.entry("PDT", ZoneOffset.ofHours(-7)),
          Map.entry("AKST", ZoneOffset.ofHours(-9)),
          Map.entry("AKDT", ZoneOffset.ofHours(-8)),
          Map.entry("HST", ZoneOffset.ofHours(-10)));

  private QueryDates() {}

  /**
   * The instant the text names, at offset UTC.
   *
   * @throws DateTimeException when the text is neither form or names no valid date
   */
  static OffsetDateTime parse(String text) {
    String trimmed = text.strip();
    int space = trimmed.lastIndexOf(' ');
    if (space < 0) {
      return OffsetDateTime.parse(trimmed, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
          .withOffsetSameInstant(ZoneOffset.UTC);
    }
    LocalDateTime local = LocalDateTime.parse(trimmed.substring(0, space).strip(), LOCAL);
    String zone = trimmed.substring(space + 1);
    ZoneOffset fixed = ABBREVIATIONS.get(zone.toUpperCase(Locale.ROOT));
    OffsetDateTime zoned =
        fixed != null ? local.atOffset(fixed) : local.atZone(ZoneId.of(zone)).toOffsetDateTime();
    return zoned.withOffsetSameInstant(ZoneOffset.UTC);
  }
}
