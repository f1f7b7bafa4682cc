package dev.phasekeeper.security.internal;

import dev.phasekeeper.web.Ids;
import dev.phasekeeper.web.Page;
import dev.phasekeeper.web.PageRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API keys (pk_api_key). Only a key's SHA-256 is stored; the clear key is handed out once, when it
 * is created. Nothing here logs a key.
 */
@Service
class ApiKeys {

  /** The built-in admin's key row; its hash follows the configured or generated admin key. */
  static final String BUILT_IN_KEY_ID = "000000000000000000000001";

  /** last_used_at is written at most this often per key, not on every request. */
  private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

  private static final String SELECT =
      "select k.id, u.name, k.prefix, k.label, k.created_at,"
          + " k.last_used_at, k.revoked from pk_api_key k join pk_user u on u.id = k.user_id";

  /** A key as admins see it: never the key, never its hash. */
  record ApiKey(
      String id,
      String user,
      String prefix,
      String label,
      OffsetDateTime created,
      OffsetDateTime lastUsed,
      boolean revoked) {}

  /** A key just created, with the clear key that is shown this once. */
  record IssuedKey(ApiKey apiKey, String key) {

    @Override
    public String toString() {
      return "IssuedKey[" + apiKey + ", key=[PROTECTED]]";
    }
  }

  /** The user a presented key belongs to. */
  record KeyOwner(
      String keyId,
      String userId,
      String userName,
      Role role,
      String tenantId,
      OffsetDateTime lastUsed) {}

  private static final int MAX_LABEL = 200;

  private final JdbcTemplate jdbc;
  private final UserAccounts users;
  private final Clock clock;

  ApiKeys(JdbcTemplate jdbc, UserAccounts users, Clock clock) {
    this.jdbc = jdbc;
    this.users = users;
    this.clock = clock;
  }

  /**
   * The owner of a key that exists and is not revoked. The lookup is by the key's hash, so the time
   * it takes says nothing about how much of a guessed key was right.
   */
  Optional<KeyOwner> findActive(String key) {
    return jdbc
        .query(
            "select k.id, u.id, u.name, u.role, u.tenant_id, k.last_used_at"
                + " from pk_api_key k join pk_user u on u.id = k.user_id"
                + " where k.key_hash = ? and k.revoked = false",
            (rs, n) ->
                new KeyOwner(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    Role.stored(rs.getString(4)),
                    rs.getString(5),
                    rs.getObject(6, OffsetDateTime.class)),
            Secrets.hash(key))
        .stream()
        .findFirst();
  }

  /** Records that a key was used, at most once per {@link #TOUCH_INTERVAL}. */
  void touch(KeyOwner owner) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    if (owner.lastUsed() == null || owner.lastUsed().isBefore(now.minus(TOUCH_INTERVAL))) {
      jdbc.update("update pk_api_key set last_used_at = ? where id = ?", now, owner.keyId());
    }
  }

  /** Creates a key for a user (by name or id) and returns it in clear, the only time it is seen. */
  @Transactional
  IssuedKey create(String userRef, String label) {
    if (userRef == null || userRef.isBlank()) {
      throw AdminException.invalid("user", "required: the name or id of the key's user");
    }
    if (label != null && label.length() > MAX_LABEL) {
      throw AdminException.invalid("label", "at most " + MAX_LABEL + " characters");
    }
    String userId =
        users
            .find(userRef)
            .map(UserAccounts.User::id)
            .orElseThrow(
                () ->
                    AdminException.invalid("user", "no user has the name or id '" + userRef + "'"));
    String key = Secrets.newApiKey();
    String id = Ids.next();
    jdbc.update(
        "insert into pk_api_key (id, user_id, key_hash, prefix, label, created_at,"
            + " revoked) values (?, ?, ?, ?, ?, ?, false)",
        id,
        userId,
        Secrets.hash(key),
        Secrets.shownPrefix(key),
        label,
        OffsetDateTime.now(clock));
    return new IssuedKey(get(id), key);
  }

  ApiKey get(String id) {
    return jdbc.query(SELECT + " where k.id = ?", ApiKeys::apiKey, id).stream()
        .findFirst()
        .orElseThrow(() -> AdminException.notFound("API key", id));
  }

  Page<ApiKey> page(PageRequest request) {
    Long total = jdbc.queryForObject("select count(*) from pk_api_key", Long.class);
    List<ApiKey> keys =
        jdbc.query(
            SELECT + " order by k.created_at, k.id limit ? offset ?",
            ApiKeys::apiKey,
            request.max(),
            request.offset());
    return Page.of(total == null ? 0 : total, keys);
  }

  /** Revokes a key; it stops working at once and stays listed as revoked. */
  @Transactional
  void revoke(String id) {
    if (BUILT_IN_KEY_ID.equals(id)) {
      throw AdminException.conflict(
          "the built-in admin key cannot be revoked here; set"
              + " phasekeeper.security.admin-api-key to replace it");
    }
    if (jdbc.update("update pk_api_key set revoked = true where id = ?", id) == 0) {
      throw AdminException.notFound("API key", id);
    }
  }

  boolean builtInExists() {
    Long count =
        jdbc.queryForObject(
            "select count(*) from pk_api_key where id = ?", Long.class, BUILT_IN_KEY_ID);
    return count != null && count > 0;
  }

  /** Makes the given key the built-in admin's key, replacing the one it had. */
  @Transactional
  void setBuiltIn(String key) {
    String hash = Secrets.hash(key);
    int updated =
        jdbc.update(
            "update pk_api_key set key_hash = ?, prefix = ?, revoked = false" + " where id = ?",
            hash,
            Secrets.shownPrefix(key),
            BUILT_IN_KEY_ID);
    if (updated == 0) {
      jdbc.update(
          "insert into pk_api_key (id, user_id, key_hash, prefix, label, created_at,"
              + " revoked) values (?, ?, ?, ?, ?, ?, false)",
          BUILT_IN_KEY_ID,
          UserAccounts.BUILT_IN_ADMIN_ID,
          hash,
          Secrets.shownPrefix(key),
          "built-in admin key",
          OffsetDateTime.now(clock));
    }
  }

  private static ApiKey apiKey(ResultSet rs, int row) throws SQLException {
    return new ApiKey(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getObject(5, OffsetDateTime.class),
        rs.getObject(6, OffsetDateTime.class),
        rs.getBoolean(7));
  }
}
