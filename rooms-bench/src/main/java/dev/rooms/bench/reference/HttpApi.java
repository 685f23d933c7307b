package dev.rooms.bench.reference;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;

/**
 * The REST endpoints the generator and scripts/bench call, and the WebSocket upgrade after its token and room
 * checks. Everything else is a 404. Stateless: one instance serves every connection.
 */
@ChannelHandler.Sharable
final class HttpApi extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Pattern MESSAGES = Pattern.compile("/api/rooms/(\\d{1,18})/messages/");
    private static final Pattern CHAT = Pattern.compile("/ws/chat/(\\d{1,18})/");
    private static final Wire.Detail NOT_FOUND = new Wire.Detail("Not found.");
    private static final Wire.Detail NO_CREDENTIALS = new Wire.Detail("Authentication credentials were not provided.");
    private static final Wire.Detail MALFORMED = new Wire.Detail("JSON parse error");
    private static final Wire.Detail BAD_TOKEN = new Wire.Detail("Given token not valid for any token type");

    private final Directory directory;

    HttpApi(Directory directory) {
        this.directory = directory;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String path = uri.path();
        HttpMethod method = request.method();
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        Exchange exchange = new Exchange(ctx, keepAlive);
        switch (path) {
            case "/auth/register/" -> {
                if (method.equals(HttpMethod.POST)) {
                    register(exchange, Wire.read(request.content()));
                } else {
                    exchange.methodNotAllowed(method);
                }
            }
            case "/auth/login/" -> {
                if (method.equals(HttpMethod.POST)) {
                    login(exchange, Wire.read(request.content()));
                } else {
                    exchange.methodNotAllowed(method);
                }
            }
            case "/api/rooms/" -> {
                Wire.User user = authenticate(exchange, request, null);
                if (user == null) {
                    return;
                }
                if (method.equals(HttpMethod.GET)) {
                    exchange.respond(HttpResponseStatus.OK, directory.rooms().stream().map(ChatRoom::view).toList());
                } else if (method.equals(HttpMethod.POST)) {
                    createRoom(exchange, user, Wire.read(request.content()));
                } else {
                    exchange.methodNotAllowed(method);
                }
            }
            default -> {
                Matcher messages = MESSAGES.matcher(path);
                Matcher chat = CHAT.matcher(path);
                if (messages.matches()) {
                    messages(exchange, request, method, directory.room(Long.parseLong(messages.group(1))));
                } else if (chat.matches()) {
                    upgrade(exchange, request, uri, directory.room(Long.parseLong(chat.group(1))));
                } else {
                    exchange.respond(HttpResponseStatus.NOT_FOUND, NOT_FOUND);
                }
            }
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private void register(Exchange exchange, Wire.Request body) {
        if (body == null || body.email() == null || body.name() == null || body.password() == null) {
            exchange.respond(HttpResponseStatus.BAD_REQUEST, body == null ? MALFORMED
                    : required("email", body.email(), "name", body.name(), "password", body.password()));
            return;
        }
        Wire.Registered registered = directory.register(body.email(), body.name(), body.password());
        if (registered == null) {
            exchange.respond(HttpResponseStatus.BAD_REQUEST,
                    Map.of("email", List.of("A user with this email already exists.")));
        } else {
            exchange.respond(HttpResponseStatus.CREATED, registered);
        }
    }

    private void login(Exchange exchange, Wire.Request body) {
        String token = body == null || body.email() == null || body.password() == null ? null
                : directory.login(body.email(), body.password());
        if (token == null) {
            exchange.respond(HttpResponseStatus.UNAUTHORIZED,
                    new Wire.Detail("No active account found with the given credentials"));
        } else {
            // One opaque token does for both: the reference has no token lifetimes to refresh.
            exchange.respond(HttpResponseStatus.OK, new Wire.Tokens(token, token));
        }
    }

    private void createRoom(Exchange exchange, Wire.User user, Wire.Request body) {
        if (body == null || body.name() == null || body.roomType() == null) {
            exchange.respond(HttpResponseStatus.BAD_REQUEST, body == null ? MALFORMED
                    : required("name", body.name(), "room_type", body.roomType()));
            return;
        }
        ChatRoom room = directory.createRoom(user, body.name(), body.description() == null ? "" : body.description(),
                body.roomType());
        exchange.respond(HttpResponseStatus.CREATED, room.view());
    }

    private void messages(Exchange exchange, FullHttpRequest request, HttpMethod method, ChatRoom room) {
        Wire.User user = authenticate(exchange, request, null);
        if (user == null) {
            return;
        }
        if (room == null) {
            exchange.respond(HttpResponseStatus.NOT_FOUND, NOT_FOUND);
        } else if (method.equals(HttpMethod.GET)) {
            exchange.respond(HttpResponseStatus.OK, room.history());
        } else if (method.equals(HttpMethod.POST)) {
            Wire.Request body = Wire.read(request.content());
            if (body == null || body.content() == null || body.content().isBlank()) {
                exchange.respond(HttpResponseStatus.BAD_REQUEST, body == null ? MALFORMED
                        : Map.of("content", List.of("This field may not be blank.")));
                return;
            }
            room.post(user, body.content(), null).addListener(posted -> {
                if (posted.isSuccess()) {
                    exchange.respond(HttpResponseStatus.CREATED, posted.getNow());
                } else {
                    exchange.ctx().close();
                }
            });
        } else {
            exchange.methodNotAllowed(method);
        }
    }

    /** Checks the token (header or {@code ?token=}) and the room, then hands the channel to a {@link ChatSocket}. */
    private void upgrade(Exchange exchange, FullHttpRequest request, QueryStringDecoder uri, ChatRoom room) {
        List<String> tokenParameter = uri.parameters().get("token");
        Wire.User user = authenticate(exchange, request, tokenParameter == null ? null : tokenParameter.get(0));
        if (user == null) {
            return;
        }
        if (room == null) {
            exchange.respond(HttpResponseStatus.NOT_FOUND, NOT_FOUND);
            return;
        }
        ChannelHandlerContext ctx = exchange.ctx();
        WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(
                "ws://" + request.headers().get(HttpHeaderNames.HOST) + uri.path(), null, false)
                .newHandshaker(request);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return;
        }
        ctx.pipeline().replace(this, "chat", new ChatSocket(room, user, handshaker));
        handshaker.handshake(ctx.channel(), request).addListener((ChannelFutureListener) upgraded -> {
            if (upgraded.isSuccess()) {
                room.join(upgraded.channel());
            } else {
                upgraded.channel().close();
            }
        });
    }

    /** The token's user; null after answering 401 when there is no valid token. */
    private Wire.User authenticate(Exchange exchange, FullHttpRequest request, String tokenParameter) {
        String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        String token = header != null && header.startsWith("Bearer ") ? header.substring(7) : tokenParameter;
        Wire.User user = directory.user(token);
        if (user == null) {
            exchange.respond(HttpResponseStatus.UNAUTHORIZED, token == null ? NO_CREDENTIALS : BAD_TOKEN);
        }
        return user;
    }

    /** The spec's field-keyed 400 body for those of the {@code name, value} pairs whose value is missing. */
    private static Map<String, List<String>> required(String... namesAndValues) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] == null) {
                errors.put(namesAndValues[i], List.of("This field is required."));
            }
        }
        return errors;
    }

    /** Where one request's answer goes. */
    private record Exchange(ChannelHandlerContext ctx, boolean keepAlive) {

        void respond(HttpResponseStatus status, Object body) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Wire.write(body, ctx.alloc().buffer()));
            response.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
            if (keepAlive) {
                ctx.writeAndFlush(response, ctx.voidPromise());
            } else {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            }
        }

        void methodNotAllowed(HttpMethod method) {
            respond(HttpResponseStatus.METHOD_NOT_ALLOWED,
                    new Wire.Detail("Method \"" + method.name() + "\" not allowed."));
        }
    }
}
