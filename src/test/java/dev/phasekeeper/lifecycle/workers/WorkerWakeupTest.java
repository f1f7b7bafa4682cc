package dev.phasekeeper.lifecycle.workers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;

class WorkerWakeupTest {

  private final WorkerWakeup wakeup = new WorkerWakeup();

  @AfterEach
  void endTransaction() {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.clearSynchronization();
    }
  }

  @Test
  void shouldWakeForTheSignalledTopicsOnly() throws InterruptedException {
    wakeup.signal("phasekeeper-hook");
    wakeup.signal("phasekeeper-hook");

    WorkerWakeup.Wakeup woken = wakeup.await(Duration.ofSeconds(5));

    assertThat(woken.timedOut()).isFalse();
    assertThat(woken.isDue("phasekeeper-hook")).isTrue();
    assertThat(woken.isDue("phasekeeper-step")).isFalse();
  }

  @Test
  void shouldAnswerEverySignalBeforeAWaitWithThatWait() throws InterruptedException {
    wakeup.signal("phasekeeper-step");
    wakeup.signal("phasekeeper-hook");
    assertThat(wakeup.await(Duration.ofSeconds(5)).topics())
        .containsExactlyInAnyOrder("phasekeeper-step", "phasekeeper-hook");

    WorkerWakeup.Wakeup next = wakeup.await(Duration.ofMillis(50));

    assertThat(next.timedOut()).as("nothing was signalled since").isTrue();
    assertThat(next.isDue("phasekeeper-step")).as("a poll looks at every topic").isTrue();
  }

  @Test
  void shouldWakeForEveryTopicOnceTheTransactionCommits() throws InterruptedException {
    TransactionSynchronizationManager.initSynchronization();
    wakeup.afterCommit();

    assertThat(wakeup.await(Duration.ofMillis(50)).timedOut()).as("not before the commit").isTrue();

    commit();
    WorkerWakeup.Wakeup woken = wakeup.await(Duration.ofSeconds(5));
    assertThat(woken.timedOut()).isFalse();
    assertThat(woken.isDue("phasekeeper-step")).isTrue();
    assertThat(woken.isDue("phasekeeper-hook")).isTrue();
  }

  @Test
  void shouldNotWakeWhenTheTransactionRollsBack() throws InterruptedException {
    TransactionSynchronizationManager.initSynchronization();
    wakeup.afterCommit();

    rollBack();

    assertThat(wakeup.await(Duration.ofMillis(100)).timedOut()).isTrue();
  }

  @Test
  void shouldWakeAtOnceOutsideATransaction() throws InterruptedException {
    wakeup.afterCommit();

    assertThat(wakeup.await(Duration.ofSeconds(5)).timedOut()).isFalse();
  }

  private static void commit() {
    var synchronizations = TransactionSynchronizationManager.getSynchronizations();
    TransactionSynchronizationManager.clearSynchronization();
    TransactionSynchronizationUtils.invokeAfterCommit(synchronizations);
    TransactionSynchronizationUtils.invokeAfterCompletion(
        synchronizations, TransactionSynchronization.STATUS_COMMITTED);
  }

  private static void rollBack() {
    var synchronizations = TransactionSynchronizationManager.getSynchronizations();
    TransactionSynchronizationManager.clearSynchronization();
    TransactionSynchronizationUtils.invokeAfterCompletion(
        synchronizations, TransactionSynchronization.STATUS_ROLLED_BACK);
  }
}
