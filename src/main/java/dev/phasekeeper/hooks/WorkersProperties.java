package dev.phasekeeper.hooks;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The in-process external-task workers that run steps and hooks.
 *
 * @param threads how many steps may run at once on this node; 0 runs neither steps nor hooks
 *     here (a node that only serves the API)
 * @param hookThreads how many hook scripts may run at once on this node, apart from the steps,
 *     so that slow hooks never hold up a lifecycle; 0 runs no hooks here
 * @param lockDuration how long a fetched task stays locked to this node; the lock is extended
 *     while its script runs, so after a crash another node (or this one, restarted) runs it again
 *     once this much time has passed
 * @param pollInterval how often idle workers look for tasks created by other nodes; a task
 *     created on this node is handed to its workers as its transaction commits (or, when they
 *     have no room, wakes them to fetch it once they have)
 */
@ConfigurationProperties("phasekeeper.workers")
public record WorkersProperties(
    @DefaultValue("8") int threads,
    @DefaultValue("32") int hookThreads,
    @DefaultValue("60s") Duration lockDuration,
    @DefaultValue("5s") Duration pollInterval) {}
