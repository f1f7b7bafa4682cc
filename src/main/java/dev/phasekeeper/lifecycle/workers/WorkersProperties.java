package dev.phasekeeper.lifecycle.workers;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The in-process external-task workers that run steps and hooks.
 *
 * @param threads how many steps may run at once on this node; 0 runs neither steps nor hooks here
 *     (a node that only serves the API)
 * @param hookThreads how many hook scripts may run at once on this node, apart from the steps, so
 *     that slow hooks never hold up a lifecycle; 0 runs no hooks here
 * @param lockDuration how long a fetched task stays locked to this node; the lock is extended while
 *     its script runs, so after a crash another node (or this one, restarted) runs it again once
 *     this much time has passed
 * @param pollInterval how often idle workers look for tasks nobody woke them for: tasks of other
 *     nodes, tasks due again after a failure, tasks created by timers or from Cockpit; a commit on
 *     this node that changed a phase or ended a task wakes them at once
 * @param shutdownGrace how long a stopping node lets running tasks finish; then it kills their
 *     scripts and unlocks them for any node (or this one, restarted) to run again
 */
@ConfigurationProperties("phasekeeper.workers")
public record WorkersProperties(
    @DefaultValue("8") int threads,
    @DefaultValue("32") int hookThreads,
    @DefaultValue("60s") Duration lockDuration,
    @DefaultValue("5s") Duration pollInterval,
    @DefaultValue("10s") Duration shutdownGrace) {}
