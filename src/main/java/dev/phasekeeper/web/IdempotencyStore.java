package dev.phasekeeper.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The first answer to a POST sent with an {@code Idempotency-Key}, so that a retry with the same
 * key gets that answer again and creates nothing. Keys are scoped to the caller and the surface. As
 * the IETF Idempotency-Key draft asks, a key is bound to the request it was first sent with: the
 * same key with another request is refused ({@link KeyReusedException}, answered 422).
 */
@Component
public class IdempotencyStore {

  public static final String HEADER = "Idempotency-Key";

  /** The column {@code pk_idempotency.idem_key}. */
  public static final FieldLimits LIMITS = FieldLimits.of(Map.of(HEADER, 255));

  /** An answer to replay. */
  public record StoredResponse(int status, String location, String body) {}

  /** The key was first used with a different request. */
  public static class KeyReusedException extends RuntimeException {

    KeyReusedException(String key) {
      super(
          HEADER
              + ": the key '"
              + key
              + "' was used for a different request; use a new key"
              + " for a new request, and the same key only to retry the same request");
    }
  }

  private final JdbcTemplate jdbc;
  private final Clock clock;

  IdempotencyStore(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Checks the key's length.
   *
   * @throws FieldTooLongException naming the header and its limit
   */
  public static void checkKey(String key) {
    LIMITS.check(HEADER, key);
  }

  /** A request's fingerprint: the SHA-256 (hex) of its canonical text. */
  public static String fingerprint(String request) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(request.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("WEB-002 no SHA-256 in this JVM", e);
    }
  }

  /**
   * The answer stored for the key, if any.
   *
   * @throws KeyReusedException when the key was first used with a request of another fingerprint
   */
  public Optional<StoredResponse> find(String scope, String key, String fingerprint) {
    return jdbc
        .query(
            "select status, location, body, request_hash from pk_idempotency"
                + " where scope = ? and idem_key = ?",
            (rs, n) -> {
              String stored = rs.getString(4);
              if (stored != null && !stored.equals(fingerprint)) {
                throw new KeyReusedException(key);
              }
              return new StoredResponse(rs.getInt(1), rs.getString(2), rs.getString(3));
            },
            scope,
            key)
        .stream()
        .findFirst();
  }

  /** Saves the answer in the caller's transaction; a concurrent duplicate fails on the key. */
  public void save(String scope, String key, String fingerprint, StoredResponse response) {
    jdbc.update(
        "insert into pk_idempotency (scope, idem_key, status, location, body,"
            + " request_hash, created_at) values (?, ?, ?, ?, ?, ?, ?)",
        scope,
        key,
        response.status(),
        response.location(),
        response.body(),
        fingerprint,
        OffsetDateTime.now(clock));
  }
}
