package dev.phasekeeper.web;

import java.util.List;

/** One page of a list, in the envelope every list endpoint answers with. */
public record Page<T>(long totalCount, int resultCount, List<T> results) {

  public static <T> Page<T> of(long totalCount, List<T> results) {
    return new Page<>(totalCount, results.size(), List.copyOf(results));
  }

  /** The requested page of a whole list held in memory. */
  public static <T> Page<T> slice(List<T> all, PageRequest request) {
    int from = Math.min(request.offset(), all.size());
    int to = (int) Math.min((long) from + request.max(), all.size());
    return of(all.size(), all.subList(from, to));
  }
}
