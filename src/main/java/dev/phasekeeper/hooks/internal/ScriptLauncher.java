package dev.phasekeeper.hooks.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.phasekeeper.hooks.internal.exec.ArgumentTemplate;
import dev.phasekeeper.hooks.internal.exec.ExecRunner;
import dev.phasekeeper.hooks.internal.exec.HooksDirectory;
import dev.phasekeeper.hooks.internal.exec.ScriptInvocation;
import dev.phasekeeper.hooks.internal.exec.ScriptResult;
import dev.phasekeeper.lifecycle.SubjectAdapter;
import dev.phasekeeper.lifecycle.SubjectAdapters;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.springframework.stereotype.Component;

/** Turns a {@link ScriptRun} into a process: path, argv, environment, stdin (the contract). */
@Component
class ScriptLauncher {

  private final HooksDirectory hooksDirectory;
  private final ExecRunner runner;
  private final ArgumentTemplate template;
  private final SubjectAdapters adapters;

  ScriptLauncher(HooksDirectory hooksDirectory, ExecRunner runner, ArgumentTemplate template,
      SubjectAdapters adapters) {
    this.hooksDirectory = hooksDirectory;
    this.runner = runner;
    this.template = template;
    this.adapters = adapters;
  }

  ScriptResult launch(ScriptRun run, LongConsumer onRunning) {
    SubjectAdapter adapter = adapters.of(run.subject().kind());
    String subjectId = run.subject().id();
    Path executable = hooksDirectory.resolve(run.scriptPath());
    List<String> argv = template.substitute(run.arguments(),
        name -> variable(adapter, run, name));
    String stdin = run.includeBody()
        ? adapter.document(subjectId).map(JsonNode::toString).orElse("{}")
        : null;
    ScriptInvocation invocation = new ScriptInvocation(executable, argv, environment(run), stdin,
        run.timeout(), hooksDirectory.dir());
    return runner.run(invocation, onRunning);
  }

  private static Optional<String> variable(SubjectAdapter adapter, ScriptRun run, String name) {
    return switch (name) {
      case "id" -> Optional.of(run.subject().id());
      case "phase", "nextPhase" -> Optional.ofNullable(run.toPhase());
      case "currentPhase" -> Optional.ofNullable(run.fromPhase());
      case "transition" -> Optional.ofNullable(run.transition());
      case "hookName" -> Optional.ofNullable(run.hookName());
      default -> adapter.variable(run.subject().id(), name);
    };
  }

  private static Map<String, String> environment(ScriptRun run) {
    Map<String, String> env = new HashMap<>();
    env.put("PHASEKEEPER_SUBJECT_ID", run.subject().id());
    env.put("PHASEKEEPER_SUBJECT_KIND", run.subject().kind().id());
    env.put("PHASEKEEPER_PHASE", nullToEmpty(run.toPhase()));
    env.put("PHASEKEEPER_CURRENT_PHASE", nullToEmpty(run.fromPhase()));
    env.put("PHASEKEEPER_NEXT_PHASE", nullToEmpty(run.toPhase()));
    env.put("PHASEKEEPER_TRANSITION", nullToEmpty(run.transition()));
    env.put("PHASEKEEPER_HOOK_NAME", nullToEmpty(run.hookName()));
    if (run.callbackToken() != null) {
      env.put("PHASEKEEPER_CALLBACK_URL", run.callbackUrl());
      env.put("PHASEKEEPER_TOKEN", run.callbackToken());
    }
    return env;
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
