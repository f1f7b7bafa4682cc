package dev.phasekeeper.lifecycle;

/**
 * A process whose instances Camunda keeps no history of, because the module that owns it keeps its
 * own record of each instance (a hook run, say). The module declares it as a bean.
 */
public record HistoryFreeProcess(String processKey) {}
