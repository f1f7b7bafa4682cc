package dev.phasekeeper.services.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A SQL condition with its positional parameters, in order. The condition can be joined to others
 * with {@code AND} as it is: any {@code OR} inside it is in parentheses.
 *
 * @param where the condition, {@code 1=1} when nothing is filtered
 * @param params the values for its {@code ?} placeholders, never containing {@code null}
 */
record SqlFilter(String where, List<Object> params) {

  static final SqlFilter ALL = new SqlFilter("1=1", List.of());

  static final SqlFilter NONE = new SqlFilter("1=0", List.of());

  SqlFilter {
    params = List.copyOf(params);
  }

  static SqlFilter of(String where, Object... params) {
    return new SqlFilter(where, List.of(params));
  }

  /** All of the conditions, leaving out those that always hold; {@link #ALL} when none are left. */
  static SqlFilter and(List<SqlFilter> parts) {
    return join(parts.stream().filter(part -> !part.equals(ALL)).toList(), " AND ", ALL);
  }

  /** Any of the conditions, in parentheses; {@link #NONE} when there are none. */
  static SqlFilter or(List<SqlFilter> parts) {
    SqlFilter joined = join(parts, " OR ", NONE);
    return parts.size() < 2 ? joined : new SqlFilter("(" + joined.where + ")", joined.params);
  }

  private static SqlFilter join(List<SqlFilter> parts, String operator, SqlFilter empty) {
    if (parts.isEmpty()) {
      return empty;
    }
    List<String> conditions = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    for (SqlFilter part : parts) {
      conditions.add(part.where);
      params.addAll(part.params);
    }
    return new SqlFilter(String.join(operator, conditions), params);
  }
}
