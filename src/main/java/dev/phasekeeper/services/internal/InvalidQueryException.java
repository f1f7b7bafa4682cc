package dev.phasekeeper.services.internal;

/**
 * A {@code query} or {@code sort} parameter that cannot be turned into SQL. The message starts with
 * the parameter's name and says what is wrong and what is allowed, e.g. {@code query: unknown field
 * 'colour' (queryable: id, name, ...)}, so it can be shown as it is.
 */
public class InvalidQueryException extends RuntimeException {

  private final String parameter;

  InvalidQueryException(String parameter, String problem) {
    this(parameter, problem, null);
  }

  InvalidQueryException(String parameter, String problem, Throwable cause) {
    super(parameter + ": " + problem, cause);
    this.parameter = parameter;
  }

  /** The request parameter that was wrong: {@code query} or {@code sort}. */
  public String parameter() {
    return parameter;
  }
}
