package dev.phasekeeper.web;

/**
 * A request parameter or body field that is wrong, found by a rule shared by every surface (paging,
 * {@code fields}); each surface answers it with 400 in its own shape.
 */
public class InvalidRequestException extends RuntimeException {

  private final String field;

  public InvalidRequestException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
  }

  /** The parameter or field that is wrong. */
  public String field() {
    return field;
  }
}
