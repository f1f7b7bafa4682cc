package dev.phasekeeper.hooks.internal;

import java.time.OffsetDateTime;

/**
 * A hook definition as stored: when it fires and what it runs.
 *
 * @param scope {@code global}, {@code subject} or {@code template}
 * @param ownerId the owning subject or template id; empty for a global definition
 * @param kind the subjects it fires for: {@code service}, {@code cluster}, {@code host}, {@code
 *     job} or {@code any}
 * @param type {@code after} (or {@code before})
 * @param currentPhase the phase being left; {@code null} matches any
 * @param transition the transition taken; {@code null} matches any
 * @param nextPhase the phase being entered; {@code null} matches any
 */
record HookDefinition(
    String id,
    String name,
    String scope,
    String ownerId,
    String tenantId,
    String kind,
    String type,
    String currentPhase,
    String transition,
    String nextPhase,
    String url,
    boolean includeBody,
    int timeoutSeconds,
    OffsetDateTime createdAt,
    int version) {

  static final String GLOBAL = "global";
  static final String SUBJECT = "subject";
  static final String ANY_KIND = "any";

  boolean global() {
    return GLOBAL.equals(scope);
  }

  /** Whether a phase change from {@code from} by {@code by} into {@code to} fires this hook. */
  boolean matches(String from, String by, String to) {
    return (currentPhase == null || currentPhase.equals(from))
        && (transition == null || transition.equals(by))
        && (nextPhase == null || nextPhase.equals(to));
  }
}
