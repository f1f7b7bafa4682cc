package dev.phasekeeper.hooks.internal.exec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Drains one output stream of a script, keeping at most {@code limit} bytes: the head (stdout,
 * where a JSON result starts) or the tail (stderr, where the last error is). It always reads to the
 * end, so the script never blocks on a full pipe. Thread-safe: a reader thread drains while the
 * runner may take a snapshot after giving up on it.
 */
final class OutputCapture {

  private final int limit;
  private final boolean keepTail;
  private byte[] buffer = new byte[0];
  private int size;
  private long total;
  private IOException failure;

  private OutputCapture(int limit, boolean keepTail) {
    this.limit = limit;
    this.keepTail = keepTail;
  }

  static OutputCapture keepingHead(int limit) {
    return new OutputCapture(limit, false);
  }

  static OutputCapture keepingTail(int limit) {
    return new OutputCapture(limit, true);
  }

  /** Reads {@code in} to its end (or until it fails, e.g. because it was closed). */
  void drain(InputStream in) {
    byte[] chunk = new byte[8192];
    try (in) {
      int n;
      while ((n = in.read(chunk)) >= 0) {
        append(chunk, n);
      }
    } catch (IOException e) {
      synchronized (this) {
        failure = e;
      }
    }
  }

  private synchronized void append(byte[] chunk, int n) {
    total += n;
    if (keepTail) {
      appendTail(chunk, n);
    } else {
      int wanted = Math.min(n, limit - size);
      if (wanted > 0) {
        copy(chunk, 0, wanted);
      }
    }
  }

  /** Keeps between limit and 2 * limit bytes, moving the last limit bytes down when full. */
  private void appendTail(byte[] chunk, int n) {
    if (n >= limit) {
      size = 0;
      copy(chunk, n - limit, limit);
      return;
    }
    if (size + n > 2 * limit) {
      int keep = Math.min(size, limit);
      System.arraycopy(buffer, size - keep, buffer, 0, keep);
      size = keep;
    }
    copy(chunk, 0, n);
  }

  private void copy(byte[] chunk, int from, int length) {
    if (size + length > buffer.length) {
      int grown = Math.max(Math.max(buffer.length * 2, 8192), size + length);
      buffer = Arrays.copyOf(buffer, Math.min(grown, Math.max(2 * limit, size + length)));
    }
    System.arraycopy(chunk, from, buffer, size, length);
    size += length;
  }

  /** The kept bytes as UTF-8 text, with a note when bytes were dropped. */
  synchronized String text() {
    int start = Math.max(0, size - limit);
    int length = size - start;
    String kept = new String(buffer, start, length, StandardCharsets.UTF_8);
    if (!truncated()) {
      return kept;
    }
    long dropped = total - length;
    return keepTail
        ? "[" + dropped + " earlier bytes dropped]\n" + kept
        : kept + "\n[" + dropped + " more bytes dropped]";
  }

  synchronized boolean truncated() {
    return total > limit;
  }

  synchronized long totalBytes() {
    return total;
  }

  synchronized IOException failure() {
    return failure;
  }
}
