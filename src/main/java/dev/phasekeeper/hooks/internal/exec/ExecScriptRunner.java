package dev.phasekeeper.hooks.internal.exec;

import dev.phasekeeper.hooks.script.ScriptRequest;
import dev.phasekeeper.hooks.script.ScriptResult;
import dev.phasekeeper.hooks.script.ScriptRunner;
import dev.phasekeeper.hooks.script.ScriptUrl;
import dev.phasekeeper.hooks.script.ScriptWatch;

/**
 * The runner of {@code exec://} scripts: the URL's path resolved inside the hooks directory, run
 * there by {@link ExecRunner}.
 */
public class ExecScriptRunner implements ScriptRunner {

  private final HooksDirectory hooksDirectory;
  private final ExecRunner runner;

  public ExecScriptRunner(HooksDirectory hooksDirectory, ExecRunner runner) {
    this.hooksDirectory = hooksDirectory;
    this.runner = runner;
  }

  @Override
  public String scheme() {
    return ScriptUrl.EXEC;
  }

  /**
   * @throws ScriptPathException when the path escapes the hooks directory
   */
  @Override
  public ScriptResult run(ScriptRequest request, ScriptWatch watch) {
    ScriptInvocation invocation =
        new ScriptInvocation(
            hooksDirectory.resolve(request.url().path()),
            request.arguments(),
            request.environment(),
            request.stdin(),
            request.timeout(),
            hooksDirectory.dir());
    return runner.run(invocation, watch);
  }
}
