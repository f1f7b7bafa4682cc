package dev.phasekeeper.hooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** What a phase change reads of the hook definitions, in and out of a transaction. */
@JdbcTest
@Import(HookDefinitionRepository.class)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class HookDefinitionRepositoryTest {

  private static final AtomicInteger IDS = new AtomicInteger();

  @Autowired HookDefinitionRepository definitions;
  @Autowired TransactionTemplate transactions;
  @Autowired JdbcTemplate jdbc;

  @Test
  void shouldReadOncePerTransactionAndSeeItsOwnWrites() {
    String subject = "subject-" + IDS.incrementAndGet();
    transactions.executeWithoutResult(
        tx -> {
          assertThat(own(subject)).isEmpty();
          // written past the repository: the transaction's first read stands
          jdbc.update(
              "insert into pk_hook_definition (id, name, scope, owner_id, kind, hook_type,"
                  + " url, include_body, timeout_seconds, created_at) values (?, 'x', 'subject', ?,"
                  + " 'service', 'after', 'exec://x.sh', false, 900, current_timestamp)",
              "x-" + subject,
              subject);
          assertThat(own(subject)).isEmpty();

          definitions.insert(
              definition("own", HookDefinition.SUBJECT, subject, "service", "after"));

          assertThat(own(subject)).containsExactly("own", "x");
        });
    assertThat(own(subject)).containsExactly("own", "x");
  }

  private java.util.List<String> own(String subject) {
    return definitions.effective("service", subject, "after").stream()
        .filter(d -> !d.global())
        .map(HookDefinition::name)
        .toList();
  }

  @Test
  void shouldLetOwnDefinitionsOverrideGlobalOnesAndFilterByKindAndType() {
    String subject = "subject-" + IDS.incrementAndGet();
    String prefix = "k" + IDS.incrementAndGet() + "-";
    definitions.insert(definition(prefix + "a", HookDefinition.GLOBAL, "", "service", "after"));
    definitions.insert(definition(prefix + "b", HookDefinition.GLOBAL, "", "any", "after"));
    definitions.insert(definition(prefix + "c", HookDefinition.GLOBAL, "", "cluster", "after"));
    definitions.insert(definition(prefix + "d", HookDefinition.GLOBAL, "", "service", "before"));
    definitions.insert(
        definition(prefix + "a", HookDefinition.SUBJECT, subject, "service", "before"));
    definitions.insert(
        definition(prefix + "e", HookDefinition.SUBJECT, "someone-else", "service", "after"));

    assertThat(definitions.effective("service", subject, "after"))
        .extracting(HookDefinition::name)
        .filteredOn(name -> name.startsWith(prefix))
        .containsExactly(prefix + "b");
    assertThat(definitions.effective("service", subject, "before"))
        .filteredOn(d -> d.name().startsWith(prefix))
        .extracting(d -> d.name() + "/" + d.scope())
        .containsExactly(prefix + "a/subject", prefix + "d/global");
    assertThat(definitions.anyOfType("before", subject)).isTrue();
  }

  private static HookDefinition definition(
      String name, String scope, String owner, String kind, String type) {
    return new HookDefinition(
        "d" + IDS.incrementAndGet(),
        name,
        scope,
        owner,
        null,
        kind,
        type,
        null,
        null,
        null,
        "exec://x.sh",
        false,
        900,
        OffsetDateTime.now(),
        1);
  }
}
