package dev.phasekeeper.hooks.script;

/**
 * Runs the scripts of one URL scheme the way the script contract says (argv as given, never through
 * a shell, the whole process tree killed on timeout), so another scheme is one more bean.
 */
public interface ScriptRunner {

  /** The URL scheme this runner runs, such as {@value ScriptUrl#EXEC}. */
  String scheme();

  /**
   * Runs the script and waits for it: at most its timeout, plus a short grace to kill it and
   * collect its output. A script that cannot run gives a FAILED result, not an exception.
   *
   * @throws ScriptCancelledException when the watch cancelled the run; its script was killed
   */
  ScriptResult run(ScriptRequest request, ScriptWatch watch);
}
