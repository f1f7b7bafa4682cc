package dev.phasekeeper.hooks.internal.exec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A script process and every descendant seen while it ran. Descendants are remembered because a
 * grandchild whose parent exits is re-parented away from the tree, after which {@link
 * ProcessHandle#descendants()} no longer finds it. Handles carry the process start time, so a
 * remembered pid that was reused by an unrelated process is not killed.
 */
final class ProcessTree {

  private static final int KILL_ROUNDS = 5;

  private final ProcessHandle root;
  private final Set<ProcessHandle> seen = new LinkedHashSet<>();

  ProcessTree(ProcessHandle root) {
    this.root = root;
  }

  /** Remembers the descendants alive right now. */
  void observe() {
    root.descendants().forEach(seen::add);
  }

  /**
   * Kills the whole tree with SIGKILL: descendants first, children before their parents, then the
   * script itself. Everything is collected before anything is killed; the sweep is repeated while
   * it still finds new processes (a shell whose child was killed may start its next command).
   *
   * @return how many processes were sent a kill
   */
  int killAll() {
    Set<ProcessHandle> killed = new LinkedHashSet<>();
    for (int round = 0; round < KILL_ROUNDS; round++) {
      observe();
      List<ProcessHandle> fresh = new ArrayList<>(seen);
      fresh.removeAll(killed);
      if (fresh.isEmpty()) {
        break;
      }
      // reverse discovery order: descendants() lists parents before their children
      for (int i = fresh.size() - 1; i >= 0; i--) {
        fresh.get(i).destroyForcibly();
      }
      killed.addAll(fresh);
    }
    root.destroyForcibly();
    return killed.size() + 1;
  }
}
