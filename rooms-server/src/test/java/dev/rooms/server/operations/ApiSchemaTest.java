package dev.rooms.server.operations;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document at /api/schema/ against the server that serves it: it lists every endpoint the
 * server maps, and what the server really answers in a whole flow (successes and errors) validates against it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:api-schema;DB_CLOSE_DELAY=-1",
        "rooms.data-dir=target/operations-test-data",
        "rooms.jwt-secret=operations-test-secret-long-enough-for-hs256"})
class ApiSchemaTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Not REST API: the error dispatch, the AsyncAPI document itself and the browser client's page. */
    private static final Set<String> NOT_API = Set.of("/error", "/api/asyncapi/", "/");

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private JsonNode document;
    private OpenApiInteractionValidator validator;

    @BeforeEach
    void fetchDocument() throws Exception {
        HttpResponse<String> response = send("GET", "/api/schema/", null, null, Map.of());
        assertThat(response.statusCode()).isEqualTo(200);
        document = JSON.readTree(response.body());
        validator = OpenApiInteractionValidator.createForInlineApiSpecification(response.body()).build();
    }

    @Test
    void documentListsEveryEndpointTheServerMaps() {
        Set<String> served = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            if (method.getBeanType().getPackageName().startsWith("org.springdoc")) {
                return;
            }
            for (String path : info.getPatternValues()) {
                if (!NOT_API.contains(path)) {
                    for (RequestMethod verb : info.getMethodsCondition().getMethods()) {
                        served.add(verb + " " + path);
                    }
                }
            }
        });
        Set<String> documented = new TreeSet<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties()
                .forEach(operation -> documented.add(operation.getKey().toUpperCase() + " " + path.getKey())));

        assertThat(served).hasSizeGreaterThanOrEqualTo(16);
        assertThat(documented).isEqualTo(served);
    }

    @Test
    void documentIsOpenApi31WithBearerSecurityAndThePublicOperationsOpen() {
        assertThat(document.get("openapi").stringValue()).startsWith("3.1");
        assertThat(document.at("/components/securitySchemes/bearerAuth/scheme").stringValue()).isEqualTo("bearer");
        assertThat(document.at("/paths/~1auth~1login~1/post/security").isEmpty()).isTrue();
        assertThat(document.at("/paths/~1api~1rooms~1/get/security").isMissingNode()).as("global bearer").isTrue();
        assertThat(document.at("/paths/~1api~1rooms~1/get/parameters").valueStream().map(p -> p.get("name").stringValue()))
                .containsExactly("room_type", "search", "creator", "after", "limit");
        assertThat(document.at("/paths/~1api~1messages~1search~1/get/parameters/0/required").booleanValue()).isTrue();
    }

    @Test
    void realResponsesOfAWholeFlowValidateAgainstTheDocument() throws Exception {
        String email = "ada-" + UUID.randomUUID() + "@example.com";
        String password = "correct-horse-battery-staple";
        check("POST", "/auth/register/", null, Map.of("email", "not-an-email", "name", "", "password", "1"), 400);
        check("POST", "/auth/register/", null, Map.of("email", email, "name", "Ada", "password", password), 201);
        check("POST", "/auth/login/", null, Map.of("email", email, "password", "wrong-password"), 401);
        JsonNode tokens = check("POST", "/auth/login/", null, Map.of("email", email, "password", password), 200);
        String access = tokens.get("access").stringValue();
        String refresh = tokens.get("refresh").stringValue();
        check("POST", "/auth/token/refresh/", null, Map.of("refresh", refresh), 200);
        check("GET", "/auth/profile/", null, null, 401);
        check("GET", "/auth/profile/", access, null, 200);
        check("PATCH", "/auth/profile/", access, Map.of("name", "Ada L."), 200);
        check("PUT", "/auth/profile/", access, Map.of("name", "Ada Lovelace", "email", email), 200);

        long room = check("POST", "/api/rooms/", access, Map.of("name", "General", "room_type", "chat"), 201).get("id").longValue();
        check("POST", "/api/rooms/", access, Map.of("name", "Second", "room_type", "video"), 201);
        check("GET", "/api/rooms/", access, null, 200);
        check("GET", "/api/rooms/?room_type=chat&limit=1", access, null, 200);
        check("GET", "/api/rooms/?room_type=voice", access, null, 400);
        check("GET", "/api/rooms/" + room + "/", access, null, 200);
        check("GET", "/api/rooms/999999/", access, null, 404);
        check("PATCH", "/api/rooms/" + room + "/", access, Map.of("description", "Everything"), 200);
        check("PUT", "/api/rooms/" + room + "/", access, Map.of("name", "General", "room_type", "chat"), 200);
        postOverTheSocket(room, access, "hello from the schema test");
        postOverTheSocket(room, access, "hello again");
        assertThat(check("GET", "/api/rooms/" + room + "/messages/", access, null, 200)).hasSize(2);
        check("GET", "/api/rooms/" + room + "/messages/?limit=10", access, null, 200);
        check("GET", "/api/rooms/" + room + "/messages/?limit=0", access, null, 400);
        assertThat(check("GET", "/api/rooms/" + room + "/messages/?limit=1", access, null, 200)).hasSize(1);
        assertThat(check("GET", "/api/messages/search/?q=hello", access, null, 200)).hasSize(2);
        check("GET", "/api/messages/search/", access, null, 400);

        String otherEmail = "bob-" + UUID.randomUUID() + "@example.com";
        check("POST", "/auth/register/", null, Map.of("email", otherEmail, "name", "Bob", "password", password), 201);
        String bob = check("POST", "/auth/login/", null, Map.of("email", otherEmail, "password", password), 200)
                .get("access").stringValue();
        check("PATCH", "/api/rooms/" + room + "/", bob, Map.of("name", "Mine now"), 403);
        check("DELETE", "/api/rooms/" + room + "/", bob, null, 403);

        check("DELETE", "/api/rooms/" + room + "/", access, null, 204);
        check("POST", "/auth/logout/", access, Map.of("refresh", refresh), 200);
        check("POST", "/auth/token/refresh/", null, Map.of("refresh", refresh), 401);
        check("DELETE", "/auth/profile/", access, null, 204);
    }

    @Test
    void swaggerUiIsServedWithoutATokenAndUnknownApiUrlsStay404Json() throws Exception {
        HttpResponse<String> docs = send("GET", "/api/docs/", null, null, Map.of());
        assertThat(docs.statusCode()).isEqualTo(302);
        String ui = docs.headers().firstValue("Location").orElseThrow();

        HttpResponse<String> page = send("GET", ui, null, null, Map.of());
        HttpResponse<String> unknown = send("GET", "/api/nothing-here/", null, null, Map.of());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("{\"detail\":\"Not found.\"}");
    }

    /** Posts a chat message the way clients do (messages have no REST write) and waits for its broadcast. */
    private void postOverTheSocket(long room, String access, String content) throws Exception {
        BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        WebSocket socket = HTTP.newWebSocketBuilder().header("Authorization", "Bearer " + access)
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/chat/" + room + "/"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        frames.add(data.toString());
                        return WebSocket.Listener.super.onText(webSocket, data, last);
                    }
                }).get(10, TimeUnit.SECONDS);
        socket.sendText(JSON.writeValueAsString(Map.of("content", content)), true).get(10, TimeUnit.SECONDS);
        assertThat(frames.poll(10, TimeUnit.SECONDS)).contains(content);
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
    }

    /** Sends a request, checks its status, validates the response against the document, returns its body. */
    private JsonNode check(String method, String pathAndQuery, String token, Object body, int status) throws Exception {
        HttpResponse<String> response = send(method, pathAndQuery, token, body, Map.of());
        assertThat(response.statusCode()).as("%s %s: %s", method, pathAndQuery, response.body()).isEqualTo(status);

        SimpleResponse.Builder actual = SimpleResponse.Builder.status(response.statusCode());
        response.headers().map().forEach((name, values) -> actual.withHeader(name, values));
        if (!response.body().isEmpty()) {
            actual.withBody(response.body());
        }
        String path = URI.create(pathAndQuery).getPath();
        ValidationReport report = validator.validateResponse(path, Request.Method.valueOf(method), actual.build());
        assertThat(report.getMessages()).as("%s %s %d: %s", method, pathAndQuery, status, response.body()).isEmpty();
        return response.body().isEmpty() ? null : JSON.readTree(response.body());
    }

    private HttpResponse<String> send(String method, String pathAndQuery, String token, Object body,
                                      Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
