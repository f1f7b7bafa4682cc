package dev.phasekeeper.hooks;

/** A hook definition that cannot be accepted; the message names the field and the problem. */
public class InvalidHookDefinitionException extends IllegalArgumentException {

  public InvalidHookDefinitionException(String message) {
    super(message);
  }
}
