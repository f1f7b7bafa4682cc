package dev.phasekeeper.web;

/**
 * The {@code max} and {@code offset} parameters of a list endpoint, checked: the one paging rule of
 * every surface.
 *
 * @param max how many results at most, 1 to {@link #MAX_MAX}, {@link #DEFAULT_MAX} when not given
 * @param offset how many results to skip, 0 or more, 0 when not given
 */
public record PageRequest(int max, int offset) {

  public static final int DEFAULT_MAX = 100;
  public static final int MAX_MAX = 1000;

  public PageRequest {
    if (max < 1 || max > MAX_MAX) {
      throw new InvalidRequestException("max", "must be between 1 and " + MAX_MAX + ", was " + max);
    }
    if (offset < 0) {
      throw new InvalidRequestException("offset", "must be 0 or more, was " + offset);
    }
  }

  /** From the parameters as sent, either of which may be absent. */
  public static PageRequest of(Integer max, Integer offset) {
    return new PageRequest(max == null ? DEFAULT_MAX : max, offset == null ? 0 : offset);
  }
}
