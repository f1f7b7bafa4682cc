package dev.phasekeeper.services.internal;

/**
 * Text that {@link LenientJson} cannot read, with the place where reading stopped. The message
 * reads like {@code malformed JSON at line 3, column 7: expected ',' or '}'}.
 */
public class MalformedJsonException extends RuntimeException {

  private final int line;

  private final int column;

  MalformedJsonException(int line, int column, String problem) {
    super("malformed JSON at line " + line + ", column " + column + ": " + problem);
    this.line = line;
    this.column = column;
  }

  /** The 1-based line where the problem was found. */
  public int line() {
    return line;
  }

  /** The 1-based column where the problem was found. */
  public int column() {
    return column;
  }
}
