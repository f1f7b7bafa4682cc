package dev.phasekeeper.services.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ServiceSortTest {

  private final ServiceSort sort = new ServiceSort(new LenientJson(JsonNodeFactory.instance, 64));

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {" ", "{}"})
  void shouldSortOldestFirstByDefault(String text) {
    assertThat(sort.orderBy(text)).isEqualTo("v.date_created, v.id");
  }

  @Test
  void shouldSortByTheSeedsExampleThenById() {
    assertThat(sort.orderBy("{\"account\":-1,\"name\":1}"))
        .isEqualTo("v.account DESC NULLS LAST, v.name, v.id");
  }

  @Test
  void shouldPutNullsFirstWhenAscendingAsMongoDbDoes() {
    assertThat(sort.orderBy("{label:1, phase:-1, tenant.name:1, statusCode:-1}"))
        .isEqualTo(
            "v.label NULLS FIRST, s.phase DESC NULLS LAST, t.name NULLS FIRST,"
                + " v.status_code DESC NULLS LAST, v.id");
  }

  @Test
  void shouldNotRepeatTheIdWhenItIsSortedOn() {
    assertThat(sort.orderBy("{\"dateCreated\":-1,\"id\":-1}"))
        .isEqualTo("v.date_created DESC, v.id DESC");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
      {"colour":1}             | sort: unknown field 'colour' (sortable: id, name, type, label, user, account, status, statusCode, phase, parent, dateCreated, lastUpdated, dateDeleted, startDateRequested, startDateScheduled, durationRequested, tenant.id, tenant.name)
      {"stepsCompleted":1}     | sort: 'stepsCompleted' cannot be sorted on (sortable: id, name, type, label, user, account, status, statusCode, phase, parent, dateCreated, lastUpdated, dateDeleted, startDateRequested, startDateScheduled, durationRequested, tenant.id, tenant.name)
      {"attributes.size":1}    | sort: 'attributes.size' cannot be sorted on (sortable: id, name, type, label, user, account, status, statusCode, phase, parent, dateCreated, lastUpdated, dateDeleted, startDateRequested, startDateScheduled, durationRequested, tenant.id, tenant.name)
      {"name":"asc"}           | sort: 'name' needs 1 (ascending) or -1 (descending), got "asc"
      {"name":2}               | sort: 'name' needs 1 (ascending) or -1 (descending), got 2
      {"name":1.0}             | sort: 'name' needs 1 (ascending) or -1 (descending), got 1.0
      ["name"]                 | sort: must be a JSON object such as {"account":-1,"name":1}, not an array
      {"name":1                | sort: malformed JSON at line 1, column 10: expected ',' or '}' but found end of input
      """)
  void shouldExplainWhatIsWrong(String text, String message) {
    assertThatThrownBy(() -> sort.orderBy(text))
        .isInstanceOf(InvalidQueryException.class)
        .hasMessage(message)
        .extracting(e -> ((InvalidQueryException) e).parameter())
        .isEqualTo("sort");
  }
}
