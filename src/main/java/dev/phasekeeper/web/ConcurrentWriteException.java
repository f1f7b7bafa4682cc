package dev.phasekeeper.web;

/** A write that kept conflicting with concurrent ones; surfaces answer 409 with its message. */
public class ConcurrentWriteException extends RuntimeException {

  public ConcurrentWriteException(String message, Throwable cause) {
    super(message, cause);
  }
}
