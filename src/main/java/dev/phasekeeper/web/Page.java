package dev.phasekeeper.web;

import java.util.List;

/** One page of a list, in the envelope every list endpoint answers with. */
public record Page<T>(long totalCount, int resultCount, List<T> results) {

  public static <T> Page<T> of(long totalCount, List<T> results) {
    return new Page<>(totalCount, results.size(), List.copyOf(results));
  }
}
