package dev.phasekeeper.services.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ServiceQueryTest {

  private final ServiceQuery query =
      new ServiceQuery(new LenientJson(JsonNodeFactory.instance, 64));

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  ", "{}", "{ }"})
  void shouldFilterNothingWhenTheQueryIsEmpty(String text) {
    assertThat(query.translate(text)).isEqualTo(new SqlFilter("1=1", List.of()));
  }

  @Nested
  class Equality {

    @Test
    void shouldReadTheSeedsUnquotedExample() {
      assertThat(query.translate("{user:\"bob\"}"))
          .isEqualTo(new SqlFilter("v.user_name = ?", List.of("bob")));
    }

    @Test
    void shouldJoinFieldsWithAnd() {
      assertThat(query.translate("{\"type\":\"storage\",\"label\":\"exlabel\"}"))
          .isEqualTo(new SqlFilter("v.type = ? AND v.label = ?", List.of("storage", "exlabel")));
    }

    @Test
    void shouldFindTopLevelServicesWithTypeTen() {
      assertThat(query.translate("{\"user\":\"bob\",\"parent\":{\"$type\":10}}"))
          .isEqualTo(new SqlFilter("v.user_name = ? AND v.parent_name IS NULL", List.of("bob")));
    }

    @Test
    void shouldFindChildrenByTheParentsName() {
      assertThat(query.translate("{\"parent\":\"bobService.1\"}"))
          .isEqualTo(new SqlFilter("v.parent_name = ?", List.of("bobService.1")));
    }

    @Test
    void shouldTreatNullAsMissing() {
      assertThat(query.translate("{\"label\":null,\"dateDeleted\":{\"$eq\":null}}"))
          .isEqualTo(new SqlFilter("v.label IS NULL AND v.date_deleted IS NULL", List.of()));
      assertThat(query.translate("{\"label\":{\"$ne\":null}}"))
          .isEqualTo(new SqlFilter("v.label IS NOT NULL", List.of()));
    }

    @Test
    void shouldMatchAMissingValueForNotEqualAsMongoDbDoes() {
      assertThat(query.translate("{\"label\":{\"$ne\":\"x\"},\"name\":{\"$ne\":\"y\"}}"))
          .isEqualTo(
              new SqlFilter(
                  "(v.label IS NULL OR v.label <> ?) AND v.name <> ?", List.of("x", "y")));
    }

    @Test
    void shouldCompareThePhaseRegardlessOfCase() {
      assertThat(query.translate("{\"phase\":\"Analyzing\"}"))
          .isEqualTo(new SqlFilter("s.phase = ?", List.of("analyzing")));
    }

    @Test
    void shouldMapTenantFieldsAndNumbers() {
      assertThat(
              query.translate(
                  "{\"tenant.id\":\"t1\",\"tenant.name\":\"Research\","
                      + "\"statusCode\":200,\"durationRequested\":{\"$gt\":1.5}}"))
          .isEqualTo(
              new SqlFilter(
                  "v.tenant_id = ? AND t.name = ? AND v.status_code = ?"
                      + " AND v.duration_requested > ?",
                  List.of("t1", "Research", 200L, new BigDecimal("1.5"))));
    }
  }

  @Nested
  class Operators {

    @Test
    void shouldTranslateComparisons() {
      assertThat(
              query.translate(
                  "{\"name\":{\"$gte\":\"a\",\"$lt\":\"m\"},"
                      + "\"statusCode\":{\"$lte\":1,\"$gt\":-1}}"))
          .isEqualTo(
              new SqlFilter(
                  "v.name >= ? AND v.name < ? AND v.status_code <= ?" + " AND v.status_code > ?",
                  List.of("a", "m", 1L, -1L)));
    }

    @Test
    void shouldTranslateInAndNotIn() {
      assertThat(query.translate("{\"type\":{\"$in\":[\"vm\",\"storage\"]}}"))
          .isEqualTo(new SqlFilter("v.type IN (?, ?)", List.of("vm", "storage")));
      assertThat(query.translate("{\"type\":{\"$nin\":[\"vm\",\"storage\"]}}"))
          .isEqualTo(
              new SqlFilter("(v.type IS NULL OR v.type NOT IN (?, ?))", List.of("vm", "storage")));
    }

    @Test
    void shouldHandleNullInsideInAndNotIn() {
      assertThat(query.translate("{\"label\":{\"$in\":[\"a\",null]}}"))
          .isEqualTo(new SqlFilter("(v.label = ? OR v.label IS NULL)", List.of("a")));
      assertThat(query.translate("{\"label\":{\"$nin\":[\"a\",null]}}"))
          .isEqualTo(
              new SqlFilter(
                  "(v.label IS NULL OR v.label <> ?) AND v.label IS NOT NULL", List.of("a")));
      assertThat(query.translate("{\"label\":{\"$in\":[]}}")).isEqualTo(SqlFilter.NONE);
      assertThat(query.translate("{\"label\":{\"$nin\":[]}}")).isEqualTo(SqlFilter.ALL);
    }

    @Test
    void shouldTranslateExists() {
      assertThat(query.translate("{\"label\":{\"$exists\":true},\"parent\":{\"$exists\":false}}"))
          .isEqualTo(new SqlFilter("v.label IS NOT NULL AND v.parent_name IS NULL", List.of()));
    }

    @Test
    void shouldTranslateAndAndOr() {
      assertThat(
              query.translate(
                  "{\"$or\":[{\"user\":\"bob\"},{\"user\":\"alice\","
                      + "\"type\":\"vm\"}],\"$and\":[{\"account\":\"cloud\"},{\"$or\":[{\"label\":null},"
                      + "{\"label\":\"x\"}]}]}"))
          .isEqualTo(
              new SqlFilter(
                  "(v.user_name = ? OR v.user_name = ? AND v.type = ?)"
                      + " AND v.account = ? AND (v.label IS NULL OR v.label = ?)",
                  List.of("bob", "alice", "vm", "cloud", "x")));
    }
  }

  @Nested
  class Dates {

    @Test
    void shouldBindMoabDatesAsUtc() {
      assertThat(query.translate("{\"dateCreated\":{\"$gte\":\"2011-12-07 16:03:40 UTC\"}}"))
          .isEqualTo(
              new SqlFilter(
                  "v.date_created >= ?",
                  List.of(OffsetDateTime.of(2011, 12, 7, 16, 3, 40, 0, ZoneOffset.UTC))));
    }

    @Test
    void shouldConvertOtherZonesAndIsoToUtc() {
      OffsetDateTime expected = OffsetDateTime.of(2011, 11, 8, 20, 18, 47, 0, ZoneOffset.UTC);

      assertThat(query.translate("{\"startDateRequested\":\"2011-11-08 13:18:47 MST\"}").params())
          .containsExactly(expected);
      assertThat(query.translate("{\"startDateRequested\":\"2011-11-08T21:18:47+01:00\"}").params())
          .containsExactly(expected);
      assertThat(query.translate("{\"lastUpdated\":{\"$in\":[\"2011-11-08T20:18:47Z\"]}}"))
          .isEqualTo(new SqlFilter("v.last_updated = ?", List.of(expected)));
    }

    @Test
    void shouldReadZoneAbbreviationsAsFixedOffsets() {
      assertThat(query.translate("{\"dateCreated\":\"2011-07-08 13:18:47 MST\"}").params())
          .containsExactly(OffsetDateTime.of(2011, 7, 8, 20, 18, 47, 0, ZoneOffset.UTC));
      assertThat(
              query.translate("{\"dateCreated\":\"2011-07-08 13:18:47 Europe/Berlin\"}").params())
          .containsExactly(OffsetDateTime.of(2011, 7, 8, 11, 18, 47, 0, ZoneOffset.UTC));
      assertThat(query.translate("{\"dateCreated\":\"2011-07-08 13:18:47 +02:00\"}").params())
          .containsExactly(OffsetDateTime.of(2011, 7, 8, 11, 18, 47, 0, ZoneOffset.UTC));
    }

    @Test
    void shouldRefuseImpossibleDates() {
      assertThatThrownBy(() -> query.translate("{\"dateCreated\":\"2011-02-30 00:00:00 UTC\"}"))
          .isInstanceOf(InvalidQueryException.class)
          .hasMessageContaining("got '2011-02-30");
      assertThatThrownBy(() -> query.translate("{\"dateCreated\":\"2011-02-01 00:00:00\"}"))
          .isInstanceOf(InvalidQueryException.class)
          .hasMessageContaining("needs a date");
    }
  }

  @Nested
  class Steps {

    @Test
    void shouldMatchMembership() {
      assertThat(query.translate("{stepsCompleted:\"step1\"}"))
          .isEqualTo(new SqlFilter("pk_json_contains(v.steps_completed, ?)", List.of("step1")));
    }

    @Test
    void shouldMatchAnyAndNone() {
      assertThat(query.translate("{\"stepsCompleted\":{\"$in\":[\"a\",\"b\"],\"$nin\":[\"c\"]}}"))
          .isEqualTo(
              new SqlFilter(
                  "(pk_json_contains(v.steps_completed, ?)"
                      + " OR pk_json_contains(v.steps_completed, ?))"
                      + " AND NOT pk_json_contains(v.steps_completed, ?)",
                  List.of("a", "b", "c")));
      assertThat(query.translate("{\"stepsCompleted\":{\"$ne\":\"a\"}}"))
          .isEqualTo(new SqlFilter("NOT pk_json_contains(v.steps_completed, ?)", List.of("a")));
    }

    @Test
    void shouldKnowTheListIsNeverMissing() {
      assertThat(query.translate("{\"stepsCompleted\":{\"$exists\":true}}"))
          .isEqualTo(SqlFilter.ALL);
      assertThat(query.translate("{\"stepsCompleted\":null}")).isEqualTo(SqlFilter.NONE);
    }

    @Test
    void shouldPassStepNamesWithWildcardsAsTheyAre() {
      assertThat(query.translate("{\"stepsCompleted\":\"50%_done\\\\\"}").params())
          .containsExactly("50%_done\\");
    }
  }

  @Nested
  class Attributes {

    @Test
    void shouldCompareStringsAsText() {
      assertThat(query.translate("{\"attributes.moab.job.template\":\"genericVM\"}"))
          .isEqualTo(
              new SqlFilter(
                  "pk_json_text(v.attributes, ?) = ?", List.of("moab.job.template", "genericVM")));
    }

    @Test
    void shouldCompareNumbersAsNumbers() {
      assertThat(query.translate("{\"attributes.moab.job.resources.OS\":{\"$gt\":2000}}"))
          .isEqualTo(
              new SqlFilter(
                  "pk_json_num(v.attributes, ?) > ?", List.of("moab.job.resources.OS", 2000.0)));
      assertThat(query.translate("{\"attributes.size\":2500}"))
          .isEqualTo(new SqlFilter("pk_json_num(v.attributes, ?) = ?", List.of("size", 2500.0)));
    }

    @Test
    void shouldCompareBooleansAsText() {
      assertThat(query.translate("{\"attributes.flag\":true}"))
          .isEqualTo(new SqlFilter("pk_json_text(v.attributes, ?) = ?", List.of("flag", "true")));
    }

    @Test
    void shouldSplitMixedInByKind() {
      assertThat(query.translate("{\"attributes.size\":{\"$in\":[1,\"big\",2,null]}}"))
          .isEqualTo(
              new SqlFilter(
                  "(pk_json_num(v.attributes, ?) IN (?, ?)"
                      + " OR pk_json_text(v.attributes, ?) = ? OR pk_json_text(v.attributes, ?) IS NULL)",
                  List.of("size", 1.0, 2.0, "size", "big", "size")));
      assertThat(query.translate("{\"attributes.size\":{\"$ne\":1}}"))
          .isEqualTo(
              new SqlFilter(
                  "(pk_json_num(v.attributes, ?) IS NULL"
                      + " OR pk_json_num(v.attributes, ?) <> ?)",
                  List.of("size", "size", 1.0)));
    }

    @Test
    void shouldTranslateExists() {
      assertThat(query.translate("{\"attributes.moab.vc\":{\"$exists\":true}}"))
          .isEqualTo(
              new SqlFilter("pk_json_text(v.attributes, ?) IS NOT NULL", List.of("moab.vc")));
    }

    @Test
    void shouldNeverCopyThePathIntoTheSql() {
      SqlFilter filter = query.translate("{\"attributes.x') OR 1=1 --\":\"y\"}");

      assertThat(filter.where()).isEqualTo("pk_json_text(v.attributes, ?) = ?");
      assertThat(filter.params()).containsExactly("x') OR 1=1 --", "y");
    }
  }

  @Nested
  class Mistakes {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
        delimiter = '|',
        quoteCharacter = '`',
        textBlock =
            """
        {"colour":"red"}                 | query: unknown field 'colour' (queryable: id, name, type, label, user, account, status, statusCode, phase, parent, dateCreated, lastUpdated, dateDeleted, startDateRequested, startDateScheduled, durationRequested, tenant.id, tenant.name, stepsCompleted, attributes.<path>)
        {"user":{"$lt":5}}               | query: $lt on 'user' needs a string, got number 5
        {"user":5}                       | query: 'user' needs a string or null, got number 5
        {"user":{}}                      | query: 'user' needs a string or null, got an object
        {"user":["bob"]}                 | query: 'user' needs a string or null, got an array
        {"user":{"$in":"bob"}}           | query: $in on 'user' needs an array of values, such as ["a","b"]
        {"user":{"$in":["bob",1]}}       | query: $in on 'user' needs a string or null, got number 1
        {"user":{"$regex":"b.*"}}        | query: unknown operator '$regex' on 'user' (supported: $eq, $ne, $lt, $lte, $gt, $gte, $in, $nin, $exists, $type)
        {"user":{"$gt":"a","x":1}}       | query: 'user' mixes operators and field names in one object; give either operators such as {"$gt":1} or a value
        {"statusCode":"200"}             | query: 'statusCode' needs a number or null, got '200'
        {"statusCode":{"$gt":null}}      | query: $gt on 'statusCode' needs a number, got null
        {"dateCreated":"yesterday"}      | query: 'dateCreated' needs a date such as '2011-12-07 16:03:40 UTC' or ISO-8601 '2011-12-07T16:03:40Z', got 'yesterday'
        {"dateCreated":{"$lt":"2012-14-10 20:51:07 UTC"}} | query: $lt on 'dateCreated' needs a date such as '2011-12-07 16:03:40 UTC' or ISO-8601 '2011-12-07T16:03:40Z', got '2012-14-10 20:51:07 UTC'
        {"parent":{"$type":2}}           | query: $type on 'parent' supports only 10 (null), got 2
        {"label":{"$exists":"yes"}}      | query: $exists on 'label' needs true or false, got "yes"
        {"stepsCompleted":{"$gt":"a"}}   | query: $gt cannot be used on 'stepsCompleted' (it takes a step name, $eq, $ne, $in, $nin and $exists)
        {"stepsCompleted":["a"]}         | query: 'stepsCompleted' needs a step name string, got an array
        {"attributes":"x"}               | query: 'attributes' needs a dotted path inside the attributes, such as 'attributes.moab.job.template'
        {"attributes.a..b":1}            | query: 'attributes.a..b' needs a dotted path inside the attributes, such as 'attributes.moab.job.template'
        {"attributes.a":{"$lt":true}}    | query: $lt on 'attributes.a' needs a string or a number, got boolean true
        {"attributes.a":{"b":1}}         | query: 'attributes.a' needs a string, number, boolean or null, got an object
        {"$nor":[{"user":"bob"}]}        | query: unknown operator '$nor' at the top level (use $and or $or, or a field name)
        {"$or":[]}                       | query: $or needs a non-empty array of queries, such as [{"user":"bob"},{"user":"alice"}]
        {"$and":["bob"]}                 | query: $and needs an array of query objects, such as {"user":"bob"}
        [{"user":"bob"}]                 | query: must be a JSON object such as {"user":"bob"}, not an array
        {"user":"bob"                    | query: malformed JSON at line 1, column 14: expected ',' or '}' but found end of input
        """)
    void shouldExplainWhatIsWrong(String text, String message) {
      assertThatThrownBy(() -> query.translate(text))
          .isInstanceOf(InvalidQueryException.class)
          .hasMessage(message)
          .extracting(e -> ((InvalidQueryException) e).parameter())
          .isEqualTo("query");
    }

    @Test
    void shouldKeepTheParseErrorAsTheCause() {
      assertThatThrownBy(() -> query.translate("{user:}"))
          .hasCauseInstanceOf(MalformedJsonException.class);
    }
  }
}
