package dev.phasekeeper.services.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Runs translated queries against the real schema and JSON functions: always on an in-memory H2,
 * and also on PostgreSQL when {@code PHASEKEEPER_TEST_DB_URL} names one (with {@code
 * PHASEKEEPER_TEST_DB_USER} and {@code PHASEKEEPER_TEST_DB_PASSWORD}), as CI does. There it works
 * in a schema of its own, dropped afterwards, and binds strings as production does ({@code
 * stringtype=unspecified}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceQueryH2Test {

  private static final String FROM =
      " from pk_service v join pk_subject s on s.id = v.id"
          + " left join pk_tenant t on t.id = v.tenant_id";

  private final LenientJson json = new LenientJson(JsonNodeFactory.instance, 64);

  private final ServiceQuery query = new ServiceQuery(json);

  private final ServiceSort sort = new ServiceSort(json);

  private final List<Database> databases = new ArrayList<>();

  @BeforeAll
  void openDatabases() {
    databases.add(Database.h2());
    String url = System.getenv("PHASEKEEPER_TEST_DB_URL");
    if (url != null && !url.isBlank()) {
      databases.add(
          Database.postgres(
              url,
              System.getenv("PHASEKEEPER_TEST_DB_USER"),
              System.getenv("PHASEKEEPER_TEST_DB_PASSWORD")));
    }
    databases.forEach(ServiceQueryH2Test::insertServices);
  }

  @AfterAll
  void closeDatabases() {
    databases.forEach(Database::close);
  }

  Stream<Database> databases() {
    return databases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void shouldFindByEquality(Database db) {
    assertThat(names(db, "{user:\"bob\"}"))
        .containsExactly("bobService.1", "machine0.1", "OSStoremachine0.1");
    assertThat(names(db, "{\"user\":\"bob\",\"parent\":\"bobService.1\"}"))
        .containsExactly("machine0.1", "OSStoremachine0.1");
    assertThat(names(db, "{\"tenant.name\":\"Research\",\"type\":\"vm\"}"))
        .containsExactly("machine0.1");
    assertThat(names(db, "{\"tenant.name\":null}")).containsExactly("orphan.1");
    assertThat(names(db, "{\"phase\":\"Analyzing\"}")).containsExactly("bobService.1");
    assertThat(names(db, "{\"phase\":{\"$in\":[\"DEPLOYED\",\"blocked\"]}}"))
        .containsExactly("machine0.1", "OSStoremachine0.1", "aliceService.1");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void shouldFindTopLevelServicesWithTypeTen(Database db) {
    assertThat(names(db, "{\"user\":\"bob\",\"parent\":{\"$type\":10}}"))
        .containsExactly("bobService.1");
    assertThat(names(db, "{\"parent\":{\"$type\":10}}"))
        .containsExactly("bobService.1", "aliceService.1", "orphan.1");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void shouldCompareDates(Database db) {
    assertThat(
            names(
                db,
                "{\"dateCreated\":{\"$gte\":\"2012-01-01 00:00:00 UTC\","
                    + "\"$lt\":\"2012-02-01 14:54:53 UTC\"}}"))
        .containsExactly("machine0.1");
    assertThat(names(db, "{\"dateCreated\":\"2012-02-01 07:54:52 MST\"}"))
        .containsExactly("machine0.1");
    assertThat(names(db, "{\"dateCreated\":{\"$gt\":\"2012-02-01T15:54:52+01:00\"}}"))
        .containsExactly("OSStoremachine0.1", "aliceService.1", "orphan.1");
    assertThat(names(db, "{\"startDateRequested\":{\"$ne\":null}}"))
        .containsExactly("bobService.1");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void shouldMatchInAndNotIn(Database db) {
    assertThat(names(db, "{\"type\":{\"$in\":[\"vm\",\"storage\"]}}"))
        .containsExactly("machine0.1", "OSStoremachine0.1", "orphan.1");
    assertThat(names(db, "{\"type\":{\"$nin\":[\"vm\",\"storage\"]}}"))
        .containsExactly("bobService.1", "aliceService.1");
    assertThat(names(db, "{\"statusCode\":{\"$ne\":0}}"))
        .containsExactly("machine0.1", "aliceService.1", "orphan.1");
    assertThat(names(db, "{\"$or\":[{\"user\":\"alice\"},{\"statusCode\":200}]}"))
        .containsExactly("machine0.1", "aliceService.1");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void shouldTellWhetherAValueExists(Database db) {
    assertThat(names(db, "{\"label\":{\"$exists\":true}}"))
        .containsExactly("machine0.1", "aliceService.1");
    assertThat(names(db, "{\"user\":{\"$exists\":false}}")).containsExactly("orphan.1");
    assertThat(names(db, "{\"attributes.moab.vc\":{\"$exists\":true}}"))
        .containsExactly("bobService.1", "machine0.1");
    assertThat(names(db, "{\"attributes.note\":{\"$exists\":true}}")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void shouldCompareAttributesAsNumbers(Database db) {
    assertThat(names(db, "{\"attributes.moab.job.resources.mem\":{\"$gt\":1024}}"))
        .containsExactly("machine0.1");
    assertThat(names(db, "{\"attributes.size\":{\"$gte\":1000}}"))
        .containsExactly("OSStoremachine0.1");
    assertThat(names(db, "{\"attributes.size\":100}")).containsExactly("aliceService.1");
    assertThat(names(db, "{\"attributes.ratio\":1.5}")).containsExactly("aliceService.1");
    assertThat(names(db, "{\"attributes.list.1.b\":{\"$lte\":1}}"))
        .containsExactly("aliceService.1");
    assertThat(names(db, "{\"attributes.size\":{\"$ne\":100}}"))
        .containsExactly("bobService.1", "machine0.1", "OSStoremachine0.1", "orphan.1");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void shouldCompareAttributesAsText(Database db) {
    assertThat(names(db, "{\"attributes.moab.job.template\":\"genericVM\"}"))
        .containsExactly("machine0.1");
    assertThat(names(db, "{\"attributes.flag\":true}")).containsExactly("aliceService.1");
    assertThat(names(db, "{\"attributes.ratio\":\"1.50\"}")).containsExactly("aliceService.1");
    assertThat(names(db, "{\"attributes.mount\":{\"$gte\":\"/mnt\",\"$lt\":\"/mnu\"}}"))
        .containsExactly("OSStoremachine0.1");
    assertThat(names(db, "{\"attributes.size\":{\"$in\":[\"2500\",100]}}"))
        .containsExactly("OSStoremachine0.1", "aliceService.1");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void shouldMatchCompletedSteps(Database db) {
    assertThat(names(db, "{stepsCompleted:\"step1\"}"))
        .containsExactly("machine0.1", "OSStoremachine0.1");
    assertThat(names(db, "{\"stepsCompleted\":{\"$nin\":[\"step1\"]}}"))
        .containsExactly("bobService.1", "aliceService.1", "orphan.1");
    assertThat(names(db, "{\"stepsCompleted\":\"50%_done\"}")).containsExactly("aliceService.1");
    assertThat(names(db, "{\"stepsCompleted\":\"50%\"}")).isEmpty();
    assertThat(names(db, "{\"stepsCompleted\":\"step\"}")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void shouldSort(Database db) {
    assertThat(names(db, "", "{\"account\":-1,\"dateCreated\":-1}"))
        .containsExactly(
            "aliceService.1", "OSStoremachine0.1", "machine0.1", "bobService.1", "orphan.1");
    assertThat(names(db, "", "{\"label\":1}"))
        .containsExactly(
            "bobService.1", "OSStoremachine0.1", "orphan.1", "aliceService.1", "machine0.1");
    assertThat(names(db, "{\"user\":\"bob\"}", "{\"statusCode\":-1}"))
        .containsExactly("machine0.1", "bobService.1", "OSStoremachine0.1");
  }

  Stream<Arguments> jsonFunctionCases() {
    String doc =
        "{\"s\":\"x\",\"i\":7,\"d\":1.50,\"e\":1e2,\"b\":false,\"n\":null,"
            + "\"a\":[\"p\",{\"q\":\"-2.5e1\"}],\"o\":{\"k\":\"1 000\"}}";
    List<Arguments> cases =
        List.of(
            Arguments.of(doc, "s", "x", null), Arguments.of(doc, "i", "7", 7.0),
            Arguments.of(doc, "d", "1.50", 1.5), Arguments.of(doc, "e", "100", 100.0),
            Arguments.of(doc, "b", "false", null), Arguments.of(doc, "n", null, null),
            Arguments.of(doc, "missing", null, null), Arguments.of(doc, "a.0", "p", null),
            Arguments.of(doc, "a.-1.q", "-2.5e1", -25.0), Arguments.of(doc, "a.5", null, null),
            Arguments.of(doc, "o.k", "1 000", null), Arguments.of(doc, "s.deeper", null, null));
    return databases.stream()
        .flatMap(
            db ->
                cases.stream()
                    .map(c -> Arguments.of(db, c.get()[0], c.get()[1], c.get()[2], c.get()[3])));
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("jsonFunctionCases")
  void shouldAnswerTheSameFromTheJsonFunctions(
      Database db, String doc, String path, String text, Double number) {
    assertThat(db.jdbc.queryForObject("select pk_json_text(?, ?)", String.class, doc, path))
        .isEqualTo(text);
    assertThat(db.jdbc.queryForObject("select pk_json_num(?, ?)", Double.class, doc, path))
        .isEqualTo(number);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void shouldTellArrayMembershipFromTheJsonFunction(Database db) {
    assertThat(contains(db, "[\"a\",\"b\"]", "b")).isTrue();
    assertThat(contains(db, "[\"a\",[\"b\"],{\"b\":1},1]", "b")).isFalse();
    assertThat(contains(db, "[1,2]", "1")).isFalse();
    assertThat(contains(db, "{\"b\":\"b\"}", "b")).isFalse();
    assertThat(contains(db, "\"b\"", "b")).isFalse();
    assertThat(contains(db, "[\"a\"]", null)).isNull();
  }

  private Boolean contains(Database db, String doc, String value) {
    return db.jdbc.queryForObject("select pk_json_contains(?, ?)", Boolean.class, doc, value);
  }

  private List<String> names(Database db, String queryText) {
    return names(db, queryText, "");
  }

  private List<String> names(Database db, String queryText, String sortText) {
    SqlFilter filter = query.translate(queryText);
    return db.jdbc.queryForList(
        "select v.name" + FROM + " where " + filter.where() + " order by " + sort.orderBy(sortText),
        String.class,
        filter.params().toArray());
  }

  private static void insertServices(Database db) {
    db.tenant("t1", "Research");
    db.tenant("t2", "Gryffindor");
    db.service(
        new Row(
            "s1",
            "bobService.1",
            "container",
            null,
            "bob",
            "bamboo",
            "t1",
            0L,
            null,
            "analyzing",
            "2011-12-07T16:03:40Z",
            "2012-10-14T20:51:07Z",
            "{\"moab\":{\"vc\":{\"id\":\"vc56\"}}}",
            "[]"));
    db.service(
        new Row(
            "s2",
            "machine0.1",
            "vm",
            "bobs machine",
            "bob",
            "bamboo",
            "t1",
            200L,
            "bobService.1",
            "deployed",
            "2012-02-01T14:54:52Z",
            null,
            "{\"moab\":{\"vc\":{\"id\":\"vc57\"},\"job\":{\"template\":\"genericVM\","
                + "\"resources\":{\"procs\":2,\"mem\":2048}}}}",
            "[\"step0\",\"step1\"]"));
    db.service(
        new Row(
            "s3",
            "OSStoremachine0.1",
            "storage",
            null,
            "bob",
            "bamboo",
            "t1",
            0L,
            "bobService.1",
            "deployed",
            "2012-02-01T14:54:53Z",
            null,
            "{\"moab\":{\"job\":{\"template\":\"OSStorage\",\"resources\":{\"OS\":\"2500\"}}},"
                + "\"size\":\"2500\",\"mount\":\"/mnt/myMount\"}",
            "[\"step1\"]"));
    db.service(
        new Row(
            "s4",
            "aliceService.1",
            "container",
            "Alice's",
            "alice",
            "cloud",
            "t2",
            null,
            null,
            "blocked",
            "2013-05-05T05:05:05Z",
            null,
            "{\"size\":100,\"flag\":true,\"note\":null,\"ratio\":1.50,\"list\":[\"a\",{\"b\":1}]}",
            "[\"50%_done\"]"));
    db.service(
        new Row(
            "s5",
            "orphan.1",
            "vm",
            null,
            null,
            null,
            null,
            null,
            null,
            "defining",
            "2014-01-01T00:00:00Z",
            null,
            "{}",
            "[]"));
  }

  /** One service row, with the phase of its subject. */
  record Row(
      String id,
      String name,
      String type,
      String label,
      String user,
      String account,
      String tenantId,
      Long statusCode,
      String parent,
      String phase,
      String created,
      String startRequested,
      String attributes,
      String steps) {}

  /** A migrated database and how to drop what the test made in it. */
  record Database(String name, JdbcTemplate jdbc, Runnable cleanUp) {

    static Database h2() {
      DriverManagerDataSource dataSource =
          new DriverManagerDataSource(
              "jdbc:h2:mem:service-query-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
      migrate(
          flyway(dataSource)
              .locations("classpath:db/migration/common", "classpath:db/migration/h2"));
      JdbcTemplate jdbc = new JdbcTemplate(dataSource);
      return new Database("H2", jdbc, () -> jdbc.execute("shutdown"));
    }

    static Database postgres(String url, String user, String password) {
      String schema = "pk_query_test_" + UUID.randomUUID().toString().replace("-", "");
      DriverManagerDataSource dataSource = new DriverManagerDataSource(url, user, password);
      Properties properties = new Properties();
      properties.setProperty("currentSchema", schema);
      properties.setProperty("stringtype", "unspecified");
      dataSource.setConnectionProperties(properties);
      migrate(
          flyway(dataSource)
              .schemas(schema)
              .createSchemas(true)
              .locations("classpath:db/migration/common", "classpath:db/migration/postgresql"));
      JdbcTemplate jdbc = new JdbcTemplate(dataSource);
      return new Database(
          "PostgreSQL", jdbc, () -> jdbc.execute("drop schema " + schema + " cascade"));
    }

    private static FluentConfiguration flyway(DriverManagerDataSource dataSource) {
      return Flyway.configure().dataSource(dataSource).table("pk_schema_history");
    }

    private static void migrate(FluentConfiguration config) {
      config.load().migrate();
    }

    void tenant(String id, String tenantName) {
      jdbc.update(
          "insert into pk_tenant (id, name, created_at) values (?, ?, ?)",
          id,
          tenantName,
          OffsetDateTime.parse("2011-01-01T00:00:00Z"));
    }

    void service(Row row) {
      OffsetDateTime created = OffsetDateTime.parse(row.created());
      jdbc.update(
          "insert into pk_subject (id, kind, tenant_id, phase, created_at, updated_at)"
              + " values (?, 'service', ?, ?, ?, ?)",
          row.id(),
          row.tenantId(),
          row.phase(),
          created,
          created);
      jdbc.update(
          "insert into pk_service (id, name, base_name, name_seq, type, label, user_name,"
              + " account, tenant_id, status_code, parent_name, root_id, start_date_requested,"
              + " attributes, steps_completed, included_services, date_created, last_updated)"
              + " values (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', ?, ?)",
          row.id(),
          row.name(),
          row.name().replaceAll("\\.\\d+$", ""),
          row.type(),
          row.label(),
          row.user(),
          row.account(),
          row.tenantId(),
          row.statusCode(),
          row.parent(),
          row.id(),
          row.startRequested() == null ? null : OffsetDateTime.parse(row.startRequested()),
          row.attributes(),
          row.steps(),
          created,
          created);
    }

    void close() {
      cleanUp.run();
    }

    @Override
    public String toString() {
      return name;
    }
  }
}
