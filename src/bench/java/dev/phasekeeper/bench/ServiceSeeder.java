package dev.phasekeeper.bench;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Part (4), the data: stored services written straight into {@code pk_subject} and {@code
 * pk_service} with batch inserts, all in phase deployed, in one tenant. Users, types and attribute
 * tiers vary so that every user has about as many services of each type, and every tier holds a
 * fifth of them. It remembers how many services each query should find.
 */
final class ServiceSeeder {

  static final String TENANT_ID = "5eedffffffffffffffffffff";
  static final int USERS = 200;
  static final List<String> TYPES = List.of("vm", "container", "storage", "network");
  static final List<String> TIERS = List.of("gold", "silver", "bronze", "iron", "copper");
  private static final int BATCH = 2_000;
  private static final OffsetDateTime FIRST =
      OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

  private static final String SUBJECT =
      "insert into pk_subject (id, kind, tenant_id, phase,"
          + " phase_entered_at, version, created_at, updated_at) values (?, 'service', ?, 'deployed',"
          + " ?, 2, ?, ?)";
  private static final String SERVICE =
      "insert into pk_service (id, name, base_name, name_seq,"
          + " type, label, user_name, account, tenant_id, root_id, start_date_scheduled, attributes,"
          + " steps_completed, included_services, date_created, last_updated, version)"
          + " values (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, '[]', '[]', ?, ?, 1)";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final Map<String, Long> expected = new HashMap<>();

  ServiceSeeder(JdbcTemplate jdbc, TransactionTemplate transaction) {
    this.jdbc = jdbc;
    this.transaction = transaction;
  }

  static String user(int i) {
    int user = i % USERS;
    return user == 0 ? "benchuser" : String.format("user%03d", user);
  }

  static String type(int i) {
    return TYPES.get(i / USERS % TYPES.size());
  }

  static String tier(int i) {
    return TIERS.get(i / 3 % TIERS.size());
  }

  /** Stores {@code count} services and returns how many seconds that took. */
  double seed(int count) {
    long start = System.nanoTime();
    jdbc.update(
        "insert into pk_tenant (id, name, created_at) values (?, 'bench-seed', ?)",
        TENANT_ID,
        FIRST);
    for (int batch = 0; batch * BATCH < count; batch++) {
      int from = batch * BATCH;
      int to = Math.min(count, from + BATCH);
      transaction.executeWithoutResult(status -> insert(from, to));
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** How many seeded services have this user and type. */
  long withUserAndType(String user, String type) {
    return expected.getOrDefault("user=" + user + ",type=" + type, 0L);
  }

  /** How many seeded services have this attributes.tier. */
  long withTier(String tier) {
    return expected.getOrDefault("tier=" + tier, 0L);
  }

  private void insert(int from, int to) {
    List<Object[]> subjects = new ArrayList<>();
    List<Object[]> services = new ArrayList<>();
    for (int i = from; i < to; i++) {
      String id = String.format("5eed%020x", i);
      OffsetDateTime created = FIRST.plusSeconds(i);
      subjects.add(new Object[] {id, TENANT_ID, created, created, created});
      services.add(
          new Object[] {
            id,
            "seed-" + i + ".1",
            "seed-" + i,
            type(i),
            "Seeded " + i,
            user(i),
            "account" + i % 50,
            TENANT_ID,
            id,
            created,
            attributes(i),
            created,
            created
          });
      expected.merge("user=" + user(i) + ",type=" + type(i), 1L, Long::sum);
      expected.merge("tier=" + tier(i), 1L, Long::sum);
    }
    jdbc.batchUpdate(SUBJECT, subjects);
    jdbc.batchUpdate(SERVICE, services);
  }

  private static String attributes(int i) {
    return "{\"tier\":\""
        + tier(i)
        + "\",\"region\":\"region-"
        + i % 7
        + "\",\"cpus\":"
        + (1 + i % 16)
        + ",\"moab\":{\"job\":{\"template\":\"tpl-"
        + i % 10
        + "\"}}}";
  }
}
