package dev.phasekeeper.web;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a short unit of work in a transaction of its own and runs it again, after a short random
 * pause, when it lost a race with a concurrent transaction ({@link TransientFailures}): two
 * requests that create the same tenant, the same name or the same key at once both succeed, the
 * second one seeing what the first one created. When the work keeps losing for longer than the
 * patience it is refused with {@link ConcurrentWriteException}, which surfaces answer with 409.
 */
@Component
public class RetriedTransactions {

  static final Duration PATIENCE = Duration.ofSeconds(60);

  /**
   * A key inserted by a concurrent transaction is seen by the next attempt; one seen again was
   * there before.
   */
  private static final int DUPLICATE_ATTEMPTS = 3;

  private static final long MAX_PAUSE_MILLIS = 250;

  private final TransactionTemplate transaction;

  RetriedTransactions(PlatformTransactionManager transactions) {
    this.transaction = new TransactionTemplate(transactions);
    this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * @param what what the work writes, for the 409's message ("tenant 'a' and its services")
   * @throws ConcurrentWriteException when it still conflicts after {@link #PATIENCE}
   */
  public <T> T inNewTransaction(String what, Supplier<T> work) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    for (int attempt = 1; ; attempt++) {
      try {
        return transaction.execute(status -> work.get());
      } catch (RuntimeException e) {
        if (!TransientFailures.isTransient(e)) {
          throw e;
        }
        if (System.nanoTime() > deadline
            || TransientFailures.isDuplicateKey(e) && attempt >= DUPLICATE_ATTEMPTS) {
          throw new ConcurrentWriteException(
              what
                  + ": concurrent requests kept writing the same"
                  + " rows ("
                  + TransientFailures.conflict(e)
                  + ") through "
                  + attempt
                  + " attempts; send the request again",
              e);
        }
        pause(attempt);
      }
    }
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(
          ThreadLocalRandom.current().nextLong(1, Math.min(MAX_PAUSE_MILLIS, 10L * attempt) + 1));
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new ConcurrentWriteException("interrupted while waiting to retry", interrupted);
    }
  }
}
