package dev.phasekeeper.lifecycle;

import java.time.OffsetDateTime;

/**
 * A subject entered a phase. Published inside the engine's transaction, so listeners that write to
 * the database commit or roll back together with the phase change.
 *
 * @param fromPhase the phase before, {@code null} on the first entry
 * @param transition the transition that led here, {@code null} when none was annotated
 */
public record PhaseChanged(
    String subjectId,
    SubjectKind kind,
    String tenantId,
    String fromPhase,
    String transition,
    String toPhase,
    String processInstanceId,
    String elementId,
    OffsetDateTime at) {}
