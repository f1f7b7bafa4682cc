package dev.phasekeeper.lifecycle.internal;

/** What a phase element's start listener knows about the entry. */
record PhaseEntry(
    String subjectId,
    String transition,
    String phase,
    String processInstanceId,
    String elementId,
    String reason,
    String note) {}
