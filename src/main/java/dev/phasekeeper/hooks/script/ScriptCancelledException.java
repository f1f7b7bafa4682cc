package dev.phasekeeper.hooks.script;

/** A run its caller gave up while the script ran; the script's process tree was killed. */
public class ScriptCancelledException extends RuntimeException {

  public ScriptCancelledException(String message) {
    super(message);
  }
}
