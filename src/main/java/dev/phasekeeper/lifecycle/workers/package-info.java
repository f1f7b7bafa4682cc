/**
 * The in-process worker pool for Camunda external tasks and its SPI: a surface implements {@link
 * dev.phasekeeper.lifecycle.workers.TaskHandler} for its topic and ends each task through its
 * {@link dev.phasekeeper.lifecycle.workers.TaskLease}; the pool itself is package-private.
 */
@org.springframework.modulith.NamedInterface("workers")
package dev.phasekeeper.lifecycle.workers;
