package dev.rooms.sdk.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Sends a request answered with 429 again after the server's {@code Retry-After}, at most {@code maxRetries} times
 * and only when the wait is at most {@code maxWait}; a 429 without a readable {@code Retry-After}, or with a longer
 * one, is the answer at once. Whatever the method: a 429 says the server did not act on the request, so sending
 * it again cannot act twice. Other statuses are not retried here (OkHttp itself repeats a 503 once when its
 * {@code Retry-After} is 0).
 */
final class RetryAfterInterceptor implements Interceptor {

    private static final int TOO_MANY_REQUESTS = 429;

    private final int maxRetries;
    private final Duration maxWait;

    RetryAfterInterceptor(int maxRetries, Duration maxWait) {
        this.maxRetries = maxRetries;
        this.maxWait = maxWait;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        Response response = chain.proceed(request);
        for (int retry = 0; retry < maxRetries && response.code() == TOO_MANY_REQUESTS; retry++) {
            Duration wait = ErrorBodies.retryAfter(response.header("Retry-After"));
            if (wait == null || wait.compareTo(maxWait) > 0) {
                break;
            }
            response.close();
            pause(wait);
            response = chain.proceed(request);
        }
        return response;
    }

    private static void pause(Duration wait) throws InterruptedIOException {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted =
                    new InterruptedIOException("interrupted while waiting out Retry-After");
            interrupted.initCause(e);
            throw interrupted;
        }
    }
}
