package dev.phasekeeper.lifecycle.internal.engine;

/** Writes a phase change in the engine's transaction; the engine's listeners call it. */
public interface PhaseEntryRecorder {

  void enter(PhaseEntry entry);
}
