package dev.phasekeeper.hooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WorkerWakeupTest {

  private final WorkerWakeup wakeup = new WorkerWakeup();

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
}
