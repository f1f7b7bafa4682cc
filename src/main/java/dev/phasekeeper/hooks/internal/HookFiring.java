package dev.phasekeeper.hooks.internal;

import dev.phasekeeper.lifecycle.PhaseChanged;
import dev.phasekeeper.lifecycle.Subject;

/** The phase change a hook fires for: after it happened, or before it happens. */
record HookFiring(
    String subjectId,
    String kind,
    String tenantId,
    String fromPhase,
    String transition,
    String toPhase) {

  static HookFiring after(PhaseChanged change) {
    return new HookFiring(
        change.subjectId(),
        change.kind().id(),
        change.tenantId(),
        change.fromPhase(),
        change.transition(),
        change.toPhase());
  }

  /** The entry of {@code subject}, still in its phase, into {@code toPhase}. */
  static HookFiring before(Subject subject, String transition, String toPhase) {
    return new HookFiring(
        subject.id(),
        subject.kind().id(),
        subject.tenantId(),
        subject.phase(),
        transition,
        toPhase);
  }

  boolean fires(HookDefinition definition) {
    return definition.matches(fromPhase, transition, toPhase);
  }
}
