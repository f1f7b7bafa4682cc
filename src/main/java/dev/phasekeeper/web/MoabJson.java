package dev.phasekeeper.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** What every Moab-shaped answer shares: its date format and its list envelope. */
public final class MoabJson {

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT);

  private MoabJson() {}

  /** {@code 2011-12-07 16:03:40 UTC}; {@code null} stays {@code null}. */
  public static String date(OffsetDateTime time) {
    return time == null ? null : DATE.format(time.withOffsetSameInstant(ZoneOffset.UTC));
  }

  /** {@code {"totalCount": N, "resultCount": n, "results": [...]}}. */
  public static ObjectNode page(long totalCount, ArrayNode results) {
    ObjectNode page = JsonNodeFactory.instance.objectNode()
        .put("totalCount", totalCount)
        .put("resultCount", results.size());
    page.set("results", results);
    return page;
  }
}
