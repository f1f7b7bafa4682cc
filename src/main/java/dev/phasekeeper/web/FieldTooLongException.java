package dev.phasekeeper.web;

/** A request field longer than its limit ({@link FieldLimits}); surfaces answer 400. */
public class FieldTooLongException extends IllegalArgumentException {

  private final String field;
  private final int max;
  private final int length;

  public FieldTooLongException(String field, int max, int length) {
    super(field + ": " + length + " characters, more than the " + max + " allowed");
    this.field = field;
    this.max = max;
    this.length = length;
  }

  public int length() {
    return length;
  }

  public String field() {
    return field;
  }

  public int max() {
    return max;
  }
}
