package dev.rooms.server.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;

/**
 * The JSON bodies of the spec's parameterless list calls ({@code GET /api/rooms/}, a room's unpaged history),
 * kept as written, so that asking again costs neither a database read nor a serialisation. Authentication and
 * authorization run before, as for every request; only the body is reused.
 *
 * <p>Only a committed write can change these answers, and every write of this process commits through the
 * transaction manager, which tells this class ({@link #afterCommit}): every kept answer is forgotten before the
 * writer goes on, so the change is in the very next answer. An answer read while a write committed is not kept
 * (a write counter). Writes of other processes would not arrive, so with Redis (several processes acting as one)
 * nothing is kept; without it the process is the only one (README "Configuration").
 */
@Component
public final class RenderedAnswers implements TransactionExecutionListener {

    /** Larger answers (long histories) are streamed as before and never kept. */
    static final int MAX_ANSWER_BYTES = 256 * 1024;
    private static final long MAX_KEPT_BYTES = 16L * 1024 * 1024;

    private final boolean enabled;
    private final Cache<String, byte[]> answers = Caffeine.newBuilder()
            .maximumWeight(MAX_KEPT_BYTES)
            .weigher((String key, byte[] body) -> body.length)
            .build();
    private final AtomicLong writes = new AtomicLong();

    RenderedAnswers(BrokerProperties broker) {
        this.enabled = !broker.redisEnabled();
    }

    /** Writes the body of a JSON answer, or throws before writing anything when there is no such answer. */
    @FunctionalInterface
    public interface Renderer {
        void render(OutputStream body) throws IOException;
    }

    /**
     * Answers {@code request} with the body kept under {@code key}, or renders it into the response and keeps it.
     * Returns false, having done nothing, when the request is not the plain call whose answer is kept (it has a
     * query, is not a {@code GET}, or asks for something other than JSON): the caller answers it as usual.
     */
    public boolean answer(HttpServletRequest request, HttpServletResponse response, String key, Renderer renderer)
            throws IOException {
        if (!enabled || request.getQueryString() != null || !"GET".equals(request.getMethod())
                || !acceptsJson(request.getHeader(HttpHeaders.ACCEPT))) {
            return false;
        }
        byte[] kept = answers.getIfPresent(key);
        if (kept != null) {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setContentLength(kept.length);
            response.getOutputStream().write(kept);
            return true;
        }
        long seen = writes.get();
        Capture capture = new Capture(response);
        renderer.render(capture);
        if (!capture.overflowed && writes.get() == seen) {
            answers.put(key, capture.copy.toByteArray());
            if (writes.get() != seen) {
                answers.invalidate(key);
            }
        }
        return true;
    }

    /** The exact values for which the answer is JSON without negotiation; any other goes the usual way. */
    private static boolean acceptsJson(String accept) {
        return accept == null || accept.equals(MediaType.APPLICATION_JSON_VALUE) || accept.equals("*/*");
    }

    @Override
    public void afterCommit(TransactionExecution transaction, Throwable commitFailure) {
        // Nothing is ever kept with Redis: then a commit (every chat message) has nothing to forget.
        if (!enabled || transaction.isReadOnly()) {
            return;
        }
        writes.incrementAndGet();
        answers.invalidateAll();
    }

    /** The response's body, copied on the way while it is small enough to keep. */
    private static final class Capture extends OutputStream {

        private final HttpServletResponse response;
        private OutputStream out;
        private final ByteArrayOutputStream copy = new ByteArrayOutputStream(8192);
        private boolean overflowed;

        Capture(HttpServletResponse response) {
            this.response = response;
        }

        /** Opened at the first byte, so that a renderer that throws first leaves the response to the error path. */
        private OutputStream out() throws IOException {
            if (out == null) {
                response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                out = response.getOutputStream();
            }
            return out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out().write(bytes, offset, length);
            if (!overflowed) {
                if (copy.size() + length > MAX_ANSWER_BYTES) {
                    overflowed = true;
                    copy.reset();
                } else {
                    copy.write(bytes, offset, length);
                }
            }
        }

        @Override
        public void flush() throws IOException {
            out().flush();
        }

        /** Closing the body (as Jackson does when done) lets the container send it with its length. */
        @Override
        public void close() throws IOException {
            out().close();
        }
    }
}
