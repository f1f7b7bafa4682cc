package dev.phasekeeper.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sends an API answer whole: one write with a {@code Content-Length} instead of a chunked body.
 * Spring's message converters flush the stream after writing the body; a flush commits the
 * response, so Tomcat sends it chunked, in two writes (the body, then the closing chunk), and the
 * client wakes for each. This filter lets writes through and ignores flushes: the container's
 * buffer (8 KiB) still sends a larger answer as it fills, and the whole answer goes out when the
 * request ends. No endpoint of Phasekeeper streams; the requests {@code exempt} matches (Camunda's
 * own surfaces, whose engine REST API answers long polls asynchronously) are left alone.
 */
public final class WholeResponseFilter extends OncePerRequestFilter {

  private final RequestMatcher exempt;

  public WholeResponseFilter(RequestMatcher exempt) {
    this.exempt = exempt;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return exempt.matches(request);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    chain.doFilter(request, new FlushIgnoringResponse(response));
  }

  private static final class FlushIgnoringResponse extends HttpServletResponseWrapper {

    private ServletOutputStream stream;

    FlushIgnoringResponse(HttpServletResponse response) {
      super(response);
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
      if (stream == null) {
        stream = new FlushIgnoringStream(super.getOutputStream());
      }
      return stream;
    }

    @Override
    public void flushBuffer() {
      // the container sends the buffer when the request ends
    }
  }

  private static final class FlushIgnoringStream extends ServletOutputStream {

    private final ServletOutputStream target;

    FlushIgnoringStream(ServletOutputStream target) {
      this.target = target;
    }

    @Override
    public void write(int b) throws IOException {
      target.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      target.write(bytes, offset, length);
    }

    @Override
    public void flush() {
      // the container sends the buffer when the request ends
    }

    @Override
    public void close() throws IOException {
      target.close();
    }

    @Override
    public boolean isReady() {
      return target.isReady();
    }

    @Override
    public void setWriteListener(WriteListener listener) {
      target.setWriteListener(listener);
    }
  }
}
