package dev.phasekeeper.hooks.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.phasekeeper.hooks.internal.exec.ArgumentTemplate;
import dev.phasekeeper.hooks.script.ScriptRequest;
import dev.phasekeeper.hooks.script.ScriptResult;
import dev.phasekeeper.hooks.script.ScriptRunner;
import dev.phasekeeper.hooks.script.ScriptWatch;
import dev.phasekeeper.lifecycle.SubjectAdapter;
import dev.phasekeeper.lifecycle.SubjectAdapters;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Turns a {@link ScriptRun} into what the script contract gives a script (argv, environment, stdin)
 * and hands it to the runner of its URL's scheme.
 */
@Component
class ScriptLauncher {

  private final Map<String, ScriptRunner> runners;
  private final ArgumentTemplate template;
  private final SubjectAdapters adapters;

  ScriptLauncher(List<ScriptRunner> runners, ArgumentTemplate template, SubjectAdapters adapters) {
    this.runners =
        runners.stream()
            .collect(Collectors.toUnmodifiableMap(ScriptRunner::scheme, Function.identity()));
    this.template = template;
    this.adapters = adapters;
  }

  /**
   * @throws IllegalArgumentException when the script's path is refused (outside the hooks folder)
   */
  ScriptResult launch(ScriptRun run, ScriptWatch watch) {
    ScriptRunner runner = runners.get(run.url().scheme());
    if (runner == null) {
      return ScriptResult.notStarted(
          run.url().scheme() + " scripts are not supported yet: " + run.url().path(),
          Instant.now());
    }
    SubjectAdapter adapter = adapters.of(run.subject().kind());
    String subjectId = run.subject().id();
    List<String> argv =
        template.substitute(run.url().arguments(), name -> variable(adapter, run, name));
    String stdin =
        run.includeBody() ? adapter.document(subjectId).map(JsonNode::toString).orElse("{}") : null;
    return runner.run(
        new ScriptRequest(run.url(), argv, environment(run), stdin, run.timeout()), watch);
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
