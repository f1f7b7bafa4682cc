package dev.phasekeeper.hooks.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutputCaptureTest {

  @Test
  void shouldKeepShortOutputAsItIs() {
    OutputCapture capture = OutputCapture.keepingHead(100);

    capture.drain(stream("hello\n", 100));

    assertThat(capture.text()).isEqualTo("hello\n");
    assertThat(capture.truncated()).isFalse();
  }

  @Test
  void shouldKeepTheHeadAndNoteWhatWasDropped() {
    OutputCapture capture = OutputCapture.keepingHead(10);

    capture.drain(stream("0123456789abcdefghij", 3));

    assertThat(capture.text()).isEqualTo("0123456789\n[10 more bytes dropped]");
    assertThat(capture.truncated()).isTrue();
    assertThat(capture.totalBytes()).isEqualTo(20);
  }

  @Test
  void shouldKeepTheTailAcrossSmallReads() {
    OutputCapture capture = OutputCapture.keepingTail(10);

    capture.drain(stream("0123456789abcdefghijklmnopqrstuvwxyz", 3));

    assertThat(capture.text()).isEqualTo("[26 earlier bytes dropped]\nqrstuvwxyz");
  }

  @Test
  void shouldKeepTheTailOfOneLargeRead() {
    OutputCapture capture = OutputCapture.keepingTail(4);

    capture.drain(stream("0123456789", 100));

    assertThat(capture.text()).isEqualTo("[6 earlier bytes dropped]\n6789");
  }

  @Test
  void shouldKeepTheTailWhenExactlyFull() {
    OutputCapture capture = OutputCapture.keepingTail(10);

    capture.drain(stream("0123456789", 4));

    assertThat(capture.text()).isEqualTo("0123456789");
  }

  /** A stream that hands out at most {@code chunk} bytes per read, like a pipe. */
  private static InputStream stream(String text, int chunk) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, chunk));
      }
    };
  }
}
