package dev.phasekeeper.web;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.Set;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;

/**
 * Whether a failed transaction lost a race with a concurrent one, so that running it again may
 * succeed: a lock it could not take in time, a deadlock, a row changed under it, or a key a
 * concurrent transaction inserted first. Engine commands wrap the SQL error, so the whole chain of
 * causes is looked at.
 */
public final class TransientFailures {

  /** PostgreSQL: serialization failure, deadlock, lock not available. */
  private static final Set<String> STATES = Set.of("40001", "40P01", "55P03");

  /** H2: lock timeout, deadlock, concurrent update. */
  private static final Set<Integer> H2_CODES = Set.of(50200, 40001, 90131);

  private TransientFailures() {}

  public static boolean isTransient(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConcurrencyFailureException
          || cause instanceof DuplicateKeyException
          || cause instanceof SQLTransactionRollbackException
          || cause instanceof OptimisticLockingException) {
        return true;
      }
      if (cause instanceof SQLException sql
          && (STATES.contains(sql.getSQLState())
              || isDuplicate(sql)
              || isH2(sql) && H2_CODES.contains(sql.getErrorCode()))) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  /**
   * Whether the failure is a duplicate key: a race when a concurrent transaction inserted the key
   * first (the next attempt sees its row), a mistake when the key was there before.
   */
  public static boolean isDuplicateKey(Throwable failure) {
    for (Throwable cause = failure;
        cause != null && cause.getCause() != cause;
        cause = cause.getCause()) {
      if (cause instanceof DuplicateKeyException
          || cause instanceof SQLException sql && isDuplicate(sql)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isDuplicate(SQLException sql) {
    return "23505".equals(sql.getSQLState());
  }

  /** The innermost message, first line only: what the database said conflicted. */
  public static String conflict(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    int end = message.indexOf('\n');
    return (end < 0 ? message : message.substring(0, end)).trim();
  }

  private static boolean isH2(SQLException sql) {
    return sql.getClass().getName().startsWith("org.h2.");
  }
}
