package dev.phasekeeper.hooks.internal;

import java.time.OffsetDateTime;

/**
 * One run of a hook for one phase change, as recorded in {@code pk_hook_run}.
 *
 * @param entryExecutionId for a before hook, the execution of the {@code before-hooks} process that
 *     waits for this run to end; null for an after hook
 */
record HookRun(
    String id,
    String definitionId,
    String hookName,
    boolean globalHook,
    String subjectId,
    String subjectKind,
    String tenantId,
    String fromPhase,
    String transition,
    String toPhase,
    String url,
    boolean includeBody,
    int timeoutSeconds,
    String status,
    Integer exitCode,
    Long processId,
    String standardOutput,
    String standardError,
    String message,
    OffsetDateTime startDate,
    OffsetDateTime endDate,
    OffsetDateTime createdAt,
    String processInstanceId,
    String tokenHash,
    int version,
    String entryExecutionId) {

  static final String WAITING = "WAITING";
  static final String SUCCEEDED = "SUCCEEDED";
  static final String FAILED = "FAILED";

  boolean before() {
    return entryExecutionId != null;
  }

  boolean waiting() {
    return WAITING.equals(status);
  }
}
