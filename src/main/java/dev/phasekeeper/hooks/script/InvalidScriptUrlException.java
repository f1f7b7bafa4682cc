package dev.phasekeeper.hooks.script;

/**
 * A script URL that cannot be parsed. The message starts with {@code url:} and names the problem,
 * so it can be shown to the user who wrote the URL as it is.
 */
public class InvalidScriptUrlException extends IllegalArgumentException {

  public InvalidScriptUrlException(String message) {
    super(message);
  }
}
