package dev.rooms.sdk.internal;

import okhttp3.Authenticator;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;

/**
 * Answers a 401 to a request that carried an access token: refreshes the token (single-flight, see
 * {@link TokenManager}) and sends the request again with the new one — once; a second 401 is the answer. A 401 to
 * a request without a token (wrong password, an invalid refresh token) is the answer at once.
 *
 * <p>A refresh that fails throws the SDK's own exception ({@link dev.rooms.sdk.AuthenticationException} or
 * {@link dev.rooms.sdk.TransportException}) out of {@code Call.execute()}: the SDK only makes synchronous calls,
 * where OkHttp passes it through to the caller unchanged.
 */
final class TokenRefreshAuthenticator implements Authenticator {

    private final TokenManager tokens;

    TokenRefreshAuthenticator(TokenManager tokens) {
        this.tokens = tokens;
    }

    @Override
    public Request authenticate(Route route, Response response) {
        Request request = response.request();
        String sent = request.header("Authorization");
        if (request.tag(AccessTokenInterceptor.Credentials.class) == null || sent == null
                || !sent.startsWith(AccessTokenInterceptor.BEARER) || refreshedBefore(response)) {
            return null;
        }
        // The 401's body is never read when the request goes again; released now, before a refresh that may fail.
        response.close();
        String fresh = tokens.refreshReplacing(sent.substring(AccessTokenInterceptor.BEARER.length())).access();
        return request.newBuilder().header("Authorization", AccessTokenInterceptor.BEARER + fresh).build();
    }

    private static boolean refreshedBefore(Response response) {
        for (Response prior = response.priorResponse(); prior != null; prior = prior.priorResponse()) {
            if (prior.code() == 401) {
                return true;
            }
        }
        return false;
    }
}
