/**
 * The script contract that steps and hooks run through: a script URL, the runners keyed by its
 * scheme ({@code exec} here, {@code ssh} next), and what a run produced.
 */
@org.springframework.modulith.NamedInterface("scripts")
package dev.phasekeeper.hooks.script;
