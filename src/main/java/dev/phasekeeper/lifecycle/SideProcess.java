package dev.phasekeeper.lifecycle;

/**
 * A process that runs for a subject, with the subject's id as business key so Cockpit finds it, but
 * is not its lifecycle (one hook run, say): it neither receives the subject's messages nor counts
 * as its lifecycle still running. The module that owns such a process declares it as a bean.
 */
public record SideProcess(String processKey) {}
