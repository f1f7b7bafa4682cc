package dev.phasekeeper.hooks.internal.exec;

/**
 * A script path that does not name a file inside the hooks directory (it escapes through {@code ..}
 * or a symlink, or it cannot be resolved). The message starts with {@code url:}.
 */
public class ScriptPathException extends IllegalArgumentException {

  public ScriptPathException(String message) {
    super(message);
  }
}
