package dev.phasekeeper.hooks.internal;

import dev.phasekeeper.hooks.HookRunTokens;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.springframework.stereotype.Component;

/** Random per-run tokens; only their SHA-256 is stored. */
@Component
class RunTokens implements HookRunTokens {

  static final String PREFIX = "pkh_";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final HookRunRepository runs;

  RunTokens(HookRunRepository runs) {
    this.runs = runs;
  }

  String next() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String hash(String token) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** Whether the token is the one of the run whose stored hash is given (constant time). */
  static boolean matches(String token, String storedHash) {
    if (token == null || storedHash == null) {
      return false;
    }
    return MessageDigest.isEqual(
        hash(token).getBytes(StandardCharsets.US_ASCII),
        storedHash.getBytes(StandardCharsets.US_ASCII));
  }

  /** Whether the token is the one handed to the run (which may have ended since). */
  boolean isTokenOf(String runId, String token) {
    return runs.find(runId).filter(run -> matches(token, run.tokenHash())).isPresent();
  }

  @Override
  public boolean isRunToken(String token) {
    return token != null && token.startsWith(PREFIX) && runs.tokenExists(hash(token));
  }
}
