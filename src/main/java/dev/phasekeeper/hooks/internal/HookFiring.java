package dev.phasekeeper.hooks.internal;

import dev.phasekeeper.lifecycle.PendingEntry;
import dev.phasekeeper.lifecycle.PhaseChanged;

/** The phase change a hook fires for: after it happened, or before it happens. */
record HookFiring(String subjectId, String kind, String tenantId, String fromPhase,
    String transition, String toPhase) {

  static HookFiring after(PhaseChanged change) {
    return new HookFiring(change.subjectId(), change.kind().id(), change.tenantId(),
        change.fromPhase(), change.transition(), change.toPhase());
  }

  static HookFiring before(PendingEntry entry) {
    return new HookFiring(entry.subject().id(), entry.subject().kind().id(),
        entry.subject().tenantId(), entry.fromPhase(), entry.transition(), entry.toPhase());
  }

  boolean fires(HookDefinition definition) {
    return definition.matches(fromPhase, transition, toPhase);
  }
}
