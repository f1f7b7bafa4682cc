package dev.phasekeeper.hooks.script;

import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/** What the caller of a script run learns while it runs, and how it gives the run up. */
public interface ScriptWatch {

  /** A watch that notes nothing and never cancels. */
  ScriptWatch NONE = of(pid -> {}, () -> false);

  /**
   * The script still runs a moment after it started: its process id. Most scripts end sooner, and
   * have their pid in their result only. If this throws, the script is killed and the exception
   * propagates.
   */
  void running(long pid);

  /** Whether the caller gave the run up; the runner then kills the script. */
  boolean cancelled();

  static ScriptWatch of(LongConsumer running, BooleanSupplier cancelled) {
    return new ScriptWatch() {
      @Override
      public void running(long pid) {
        running.accept(pid);
      }

      @Override
      public boolean cancelled() {
        return cancelled.getAsBoolean();
      }
    };
  }
}
