package dev.phasekeeper.security.internal;

import java.util.List;

/** One page of a list, in the envelope Moab uses for its lists. */
record Page<T>(long totalCount, int resultCount, List<T> results) {

  static final int DEFAULT_MAX = 100;
  static final int MAX_MAX = 1000;

  static <T> Page<T> of(long totalCount, List<T> results) {
    return new Page<>(totalCount, results.size(), results);
  }

  /** The {@code max} and {@code offset} parameters, checked. */
  record Request(int max, int offset) {

    static Request of(Integer max, Integer offset) {
      int limit = max == null ? DEFAULT_MAX : max;
      int skip = offset == null ? 0 : offset;
      if (limit < 1 || limit > MAX_MAX) {
        throw AdminException.invalid("max", "must be between 1 and " + MAX_MAX + ", was " + limit);
      }
      if (skip < 0) {
        throw AdminException.invalid("offset", "must be 0 or more, was " + skip);
      }
      return new Request(limit, skip);
    }
  }
}
