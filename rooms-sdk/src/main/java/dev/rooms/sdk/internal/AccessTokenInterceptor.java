package dev.rooms.sdk.internal;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Puts the user's access token on every request tagged {@link Credentials#ACCESS_TOKEN}, refreshing it first when
 * it expires soon. Requests without the tag (register, login, the refresh itself) go out without one. An
 * application interceptor, so a request sent again after a {@code Retry-After} picks up the token current then.
 */
final class AccessTokenInterceptor implements Interceptor {

    /** The tag that asks for the access token: {@code builder.tag(Credentials.class, Credentials.ACCESS_TOKEN)}. */
    enum Credentials {
        /** Send the stored access token as {@code Authorization: Bearer ...}. */
        ACCESS_TOKEN
    }

    static final String BEARER = "Bearer ";

    private final TokenManager tokens;

    AccessTokenInterceptor(TokenManager tokens) {
        this.tokens = tokens;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        if (request.tag(Credentials.class) != Credentials.ACCESS_TOKEN) {
            return chain.proceed(request);
        }
        // Not logged in: the request goes without a token and the server's 401 says so.
        String access = tokens.accessToken();
        return chain.proceed(access == null ? request
                : request.newBuilder().header("Authorization", BEARER + access).build());
    }
}
