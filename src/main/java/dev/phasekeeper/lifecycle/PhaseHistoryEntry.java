package dev.phasekeeper.lifecycle;

import java.time.OffsetDateTime;

/** One row of a subject's phase history. */
public record PhaseHistoryEntry(
    long id,
    String subjectId,
    String fromPhase,
    String transition,
    String toPhase,
    OffsetDateTime at,
    String processInstanceId,
    String note) {}
