package dev.phasekeeper.hooks.script;

import java.util.Locale;

/** Outcome of one script run, as the script reports it or as its exit code says. */
public enum ScriptStatus {
  SUCCEEDED,
  FAILED,
  WAITING;

  /**
   * Reads a status the way scripts and callers write it: {@code succeeded}, {@code Succeeded},
   * {@code SUCCEEDED} (surrounding blanks ignored).
   *
   * @throws IllegalArgumentException when the text is none of succeeded, failed, waiting
   */
  public static ScriptStatus parse(String text) {
    if (text != null) {
      String wanted = text.trim();
      for (ScriptStatus status : values()) {
        if (status.name().equalsIgnoreCase(wanted)) {
          return status;
        }
      }
    }
    throw new IllegalArgumentException(
        "status '" + text + "' is not known (use succeeded, failed or waiting)");
  }

  /** The lower-case name scripts use: {@code succeeded}, {@code failed}, {@code waiting}. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
