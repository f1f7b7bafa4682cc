package dev.phasekeeper.hooks;

/**
 * The per-run tokens hook scripts call back with. The callback endpoint checks them itself; the
 * security chain asks here so that a run token sent anywhere else is refused with 403, not taken
 * for an unknown API key.
 */
public interface HookRunTokens {

  /** Where scripts call back: {@code PUT /callbacks/hook-runs/{runId}}. */
  String CALLBACK_PATH_PREFIX = "/callbacks/hook-runs/";

  /** Whether the text is a token handed to a hook run (current or past). */
  boolean isRunToken(String token);
}
