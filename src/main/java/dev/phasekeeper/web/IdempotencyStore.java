package dev.phasekeeper.web;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The first answer to a POST sent with an {@code Idempotency-Key}, so that a retry with the same
 * key gets that answer again and creates nothing. Keys are scoped to the caller and the surface.
 */
@Component
public class IdempotencyStore {

  /** An answer to replay. */
  public record StoredResponse(int status, String location, String body) {}

  private final JdbcTemplate jdbc;
  private final Clock clock;

  IdempotencyStore(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public Optional<StoredResponse> find(String scope, String key) {
    return jdbc.query("select status, location, body from pk_idempotency where scope = ? and"
            + " idem_key = ?",
        (rs, n) -> new StoredResponse(rs.getInt(1), rs.getString(2), rs.getString(3)),
        scope, key).stream().findFirst();
  }

  /** Saves the answer in the caller's transaction; a concurrent duplicate fails on the key. */
  public void save(String scope, String key, StoredResponse response) {
    jdbc.update("insert into pk_idempotency (scope, idem_key, status, location, body, created_at)"
            + " values (?, ?, ?, ?, ?, ?)", scope, key, response.status(), response.location(),
        response.body(), OffsetDateTime.now(clock));
  }
}
