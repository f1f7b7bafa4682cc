package dev.phasekeeper.hooks.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.phasekeeper.hooks.HooksProperties;
import dev.phasekeeper.hooks.internal.exec.HooksDirectory;
import dev.phasekeeper.hooks.script.ScriptResult;
import dev.phasekeeper.hooks.script.ScriptStatus;
import dev.phasekeeper.hooks.script.ScriptUrl;
import dev.phasekeeper.hooks.script.ScriptWatch;
import dev.phasekeeper.lifecycle.Lifecycle;
import dev.phasekeeper.lifecycle.Subject;
import dev.phasekeeper.lifecycle.SubjectAdapters;
import dev.phasekeeper.lifecycle.workers.TaskHandler;
import dev.phasekeeper.lifecycle.workers.TaskLease;
import dev.phasekeeper.lifecycle.workers.WorkersProperties;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs lifecycle steps: {@code hooks/steps/<folder>/<step>} when that script exists, nothing
 * otherwise. Success completes the task (and may set {@code outcome}); failure is retried, and
 * after the last retry becomes the BPMN error {@code StepFailed}, which blocks the subject.
 */
@Component
class StepTaskHandler implements TaskHandler {

  static final String TOPIC = "phasekeeper-step";
  static final String STEP_FAILED = "StepFailed";
  static final String REASON_VARIABLE = "phasekeeperReason";

  /** Step scripts live in {@code <hooks dir>/steps/<folder>/<step>}. */
  private static final String STEPS = "steps";

  private static final Logger log = LoggerFactory.getLogger(StepTaskHandler.class);

  private final TransactionTemplate transactions;
  private final Lifecycle lifecycle;
  private final SubjectAdapters adapters;
  private final HooksDirectory hooksDirectory;
  private final ScriptLauncher launcher;
  private final HooksProperties properties;
  private final ObjectMapper json;

  StepTaskHandler(
      TransactionTemplate transactions,
      Lifecycle lifecycle,
      SubjectAdapters adapters,
      HooksDirectory hooksDirectory,
      ScriptLauncher launcher,
      HooksProperties properties,
      ObjectMapper json) {
    this.transactions = transactions;
    this.lifecycle = lifecycle;
    this.adapters = adapters;
    this.hooksDirectory = hooksDirectory;
    this.launcher = launcher;
    this.properties = properties;
    this.json = json;
  }

  @Override
  public String topic() {
    return TOPIC;
  }

  @Override
  public int threads(WorkersProperties workers) {
    return workers.threads();
  }

  @Override
  public List<String> variables() {
    return List.of("step");
  }

  @Override
  public void handle(LockedExternalTask task, TaskLease lease) {
    String step = String.valueOf(task.getVariables().get("step"));
    if (!hooksDirectory.anyFolderHolds(STEPS, step)) {
      // no subject of any type has a script for this step: nothing to read, nothing to run
      lease.complete(Map.of());
      return;
    }
    Subject subject =
        lifecycle
            .find(task.getBusinessKey())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "HOOKS-010 step "
                            + step
                            + " of process instance "
                            + task.getProcessInstanceId()
                            + " names no subject"));
    String folder = adapters.of(subject.kind()).stepFolder(subject.id());
    Optional<Path> script = hooksDirectory.find(STEPS + "/" + folder + "/" + step);
    if (script.isEmpty()) {
      lease.complete(Map.of());
      return;
    }
    log.info(
        "HOOKS-013 step {} of {} {}: running {}",
        step,
        subject.kind().id(),
        subject.id(),
        script.get());
    ScriptUrl url = new ScriptUrl(ScriptUrl.EXEC, null, -1, script.get().toString(), List.of());
    ScriptRun run = ScriptRun.step(subject, url, properties.defaultTimeout(), step);
    ScriptResult result = launcher.launch(run, ScriptWatch.of(pid -> {}, lease::handedBack));
    if (result.status() == ScriptStatus.FAILED) {
      failed(task, lease, step, result);
    } else {
      succeeded(lease, subject, result);
    }
  }

  private void succeeded(TaskLease lease, Subject subject, ScriptResult result) {
    Map<String, Object> variables = new HashMap<>();
    JsonNode output = result.stdoutJson();
    if (output != null && output.hasNonNull("outcome")) {
      variables.put("outcome", output.get("outcome").asText());
    }
    transactions.executeWithoutResult(
        status -> {
          if (output != null) {
            adapters.of(subject.kind()).applyOutput(subject.id(), output);
          }
          lease.complete(variables);
        });
  }

  private void failed(LockedExternalTask task, TaskLease lease, String step, ScriptResult result) {
    int retriesLeft = task.getRetries() == null ? properties.stepRetries() : task.getRetries() - 1;
    String message = "step " + step + " failed: " + result.message();
    if (retriesLeft > 0) {
      log.info("HOOKS-011 {} of {}, {} retries left", message, task.getBusinessKey(), retriesLeft);
      lease.fail(message, result.stderr(), retriesLeft, properties.stepRetryDelay().toMillis());
      return;
    }
    log.info("HOOKS-012 {} of {}, no retries left: blocking it", message, task.getBusinessKey());
    ObjectNode reason =
        FailureReport.blockedReason(
            json, step, result.exitCode(), result.message(), result.stderr());
    lease.bpmnError(STEP_FAILED, message, Map.of(REASON_VARIABLE, reason.toString()));
  }
}
