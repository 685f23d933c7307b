package dev.rooms.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.TransactionExecution;

class RenderedAnswersTest {

    private final AtomicInteger renders = new AtomicInteger();
    private final RenderedAnswers answers = new RenderedAnswers(new BrokerProperties(null, "rooms", Duration.ofSeconds(3)));

    @Test
    void plainCallTwiceThenRenderedOnceAndTheSameBodyBothTimes() throws IOException {
        MockHttpServletResponse first = call(answers, "/api/rooms/", null, "[1]");
        MockHttpServletResponse second = call(answers, "/api/rooms/", null, "[2]");

        assertThat(renders).hasValue(1);
        assertThat(first.getContentAsString()).isEqualTo("[1]");
        assertThat(second.getContentAsString()).isEqualTo("[1]");
        assertThat(second.getContentType()).isEqualTo("application/json");
        assertThat(second.getContentLength()).isEqualTo(3);
    }

    @Test
    void writeCommittedThenTheNextCallRendersAgain() throws IOException {
        call(answers, "/api/rooms/", null, "[1]");

        answers.afterCommit(transaction(false), null);

        assertThat(call(answers, "/api/rooms/", null, "[2]").getContentAsString()).isEqualTo("[2]");
        assertThat(renders).hasValue(2);
    }

    @Test
    void readOnlyTransactionCommittedThenTheAnswerIsStillKept() throws IOException {
        call(answers, "/api/rooms/", null, "[1]");

        answers.afterCommit(transaction(true), null);

        assertThat(call(answers, "/api/rooms/", null, "[2]").getContentAsString()).isEqualTo("[1]");
    }

    @Test
    void writeCommittedWhileRenderingThenThatAnswerIsNotKept() throws IOException {
        MockHttpServletRequest request = get("/api/rooms/", null);
        answers.answer(request, new MockHttpServletResponse(), "rooms", body -> {
            body.write("[old]".getBytes(StandardCharsets.UTF_8));
            answers.afterCommit(transaction(false), null);
        });

        assertThat(call(answers, "/api/rooms/", null, "[new]").getContentAsString()).isEqualTo("[new]");
    }

    @Test
    void callWithQueryOrOtherAcceptThenLeftToTheCaller() throws IOException {
        MockHttpServletRequest withQuery = get("/api/rooms/", null);
        withQuery.setQueryString("limit=5");
        MockHttpServletRequest html = get("/api/rooms/", "text/html");

        assertThat(answers.answer(withQuery, new MockHttpServletResponse(), "rooms", this::render)).isFalse();
        assertThat(answers.answer(html, new MockHttpServletResponse(), "rooms", this::render)).isFalse();
        assertThat(renders).hasValue(0);
    }

    @Test
    void redisInUseThenNothingIsAnsweredFromHere() throws IOException {
        RenderedAnswers clustered = new RenderedAnswers(
                new BrokerProperties("redis://127.0.0.1:6379", "rooms", Duration.ofSeconds(3)));

        assertThat(clustered.answer(get("/api/rooms/", null), new MockHttpServletResponse(), "rooms", this::render))
                .isFalse();
        assertThat(renders).hasValue(0);
    }

    @Test
    void answerLargerThanTheLimitThenStreamedWholeAndNotKept() throws IOException {
        byte[] large = new byte[RenderedAnswers.MAX_ANSWER_BYTES + 1];

        MockHttpServletResponse first = new MockHttpServletResponse();
        answers.answer(get("/h/", null), first, "history 1", body -> {
            renders.incrementAndGet();
            body.write(large, 0, large.length / 2);
            body.write(large, large.length / 2, large.length - large.length / 2);
        });
        call(answers, "/h/", null, "[]", "history 1");

        assertThat(first.getContentAsByteArray()).hasSize(large.length);
        assertThat(renders).hasValue(2);
    }

    @Test
    void rendererFailsThenNothingIsWrittenOrKept() {
        MockHttpServletResponse response = new MockHttpServletResponse();
        try {
            answers.answer(get("/h/", null), response, "history 9", body -> {
                throw new IllegalStateException("room 9 not found");
            });
        } catch (IllegalStateException | IOException expected) {
            // the caller's error path answers
        }

        assertThat(response.getContentAsByteArray()).isEmpty();
        assertThat(response.getContentType()).isNull();
    }

    private MockHttpServletResponse call(RenderedAnswers answers, String path, String accept, String body)
            throws IOException {
        return call(answers, path, accept, body, "rooms");
    }

    private MockHttpServletResponse call(RenderedAnswers answers, String path, String accept, String body, String key)
            throws IOException {
        MockHttpServletResponse response = new MockHttpServletResponse();
        boolean answered = answers.answer(get(path, accept), response, key, out -> {
            renders.incrementAndGet();
            out.write(body.getBytes(StandardCharsets.UTF_8));
            out.close();
        });
        assertThat(answered).isTrue();
        return response;
    }

    private void render(OutputStream body) throws IOException {
        renders.incrementAndGet();
        body.write('x');
    }

    private static MockHttpServletRequest get(String path, String accept) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        if (accept != null) {
            request.addHeader("Accept", accept);
        }
        return request;
    }

    private static TransactionExecution transaction(boolean readOnly) {
        return new TransactionExecution() {
            @Override
            public boolean isReadOnly() {
                return readOnly;
            }
        };
    }
}
