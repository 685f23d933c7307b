package dev.rooms.server.operations;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.providers.ObjectMapperProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document at {@code /api/schema/} (Swagger UI at {@code /api/docs/}): springdoc derives the paths,
 * methods, path parameters and response records from the controllers; this adds what the code cannot say by
 * itself. The controllers read request bodies and query parameters as trees and maps (so a wrong JSON type is a
 * field error, as in the original), so their shapes are written here, by operation id, together with the
 * statuses and error bodies every endpoint shares ({@code {"detail": ...}}, or lists keyed by field).
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    private static final String JSON = org.springframework.http.MediaType.APPLICATION_JSON_VALUE;
    private static final String BEARER = "bearerAuth";
    /** Operations open without a token. */
    private static final Set<String> PUBLIC = Set.of("register", "login", "refresh");
    /** The records the server answers with: every field is always present, and nothing else is. */
    private static final Set<String> RESPONSE_RECORDS = Set.of("ProfileResponse", "RoomResponse", "MessageResponse",
            "FoundMessage", "UserSummary", "RoomSummary", "TokenPair");

    /** Schemas of the records as the server writes them: snake_case, like its JSON (Jackson 3, which swagger-core does not read). */
    @Bean
    ModelResolver snakeCaseModelResolver(ObjectMapperProvider mappers) {
        return new ModelResolver(mappers.jsonMapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE))
                .openapi31(true);
    }

    @Bean
    OpenAPI roomsOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Rooms API").version("1")
                        .description("""
                                Accounts, rooms and message history of a Rooms server: the contract of rooms-api.md, \
                                plus its opt-in extensions (filters, search and pages with RFC 8288 `Link` headers). \
                                Errors are `{"detail": "..."}` or, for invalid input, lists of messages keyed by field. \
                                The live protocol (WebSocket `/ws/chat/{room_id}/`) is described by the AsyncAPI \
                                document at `/api/asyncapi/`."""))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .bearerFormat("JWT").description("An access token from `POST /auth/login/`.")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    @Bean
    OpenApiCustomizer roomsOperations() {
        return openApi -> {
            openApi.setServers(null); // relative to wherever the document was fetched from
            addSchemas(openApi.getComponents());
            openApi.getComponents().getSchemas().remove("JsonNode");
            openApi.getComponents().getSchemas().remove("StreamingResponseBody");
            openApi.getComponents().getSchemas().forEach((name, schema) -> {
                if (RESPONSE_RECORDS.contains(name) && schema.getProperties() != null) {
                    TreeSet<String> required = new TreeSet<>(schema.getProperties().keySet());
                // Written only when asked for (include=edited_at, an edit's answer): the spec's shape has four fields.
                required.remove("edited_at");
                schema.setRequired(new ArrayList<>(required));
                    schema.setAdditionalProperties(false);
                }
            });
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap()
                    .forEach((method, operation) -> describe(path, method, operation)));
        };
    }

    /** The request bodies and errors, which the code reads and writes as trees and maps. */
    private static void addSchemas(Components components) {
        components
                .addSchemas("Error", object(Map.of(
                                        "detail", string("What went wrong, for people."),
                                        "code", string("A machine-readable reason, on some 401s (`token_not_valid`, `user_not_found`, ...).")),
                                "detail").description("`{\"detail\": ...}`: every error that is not about a field."))
                .addSchemas("FieldErrors", new Schema<>().types(Set.of("object"))
                                .additionalProperties(new ArraySchema().items(string(null)))
                                .description("Invalid input: for each bad field (or `non_field_errors`), its messages."))
                .addSchemas("RegisterRequest", object(Map.of(
                                "email", string("Unique regardless of letter case.").format("email"),
                                "name", string("At most 150 characters.").maxLength(150),
                                "password", string("At least 8 characters, not common, not all digits, not like the email or name.")),
                                "email", "name", "password"))
                .addSchemas("LoginRequest", object(Map.of("email", string(null), "password", string(null)),
                                "email", "password"))
                .addSchemas("RefreshRequest", object(Map.of("refresh", string("A refresh token.")), "refresh"))
                .addSchemas("LogoutRequest", object(Map.of("refresh",
                                string("Optional: this refresh token of the caller is revoked for good."))))
                .addSchemas("ProfileChanges", object(Map.of(
                                "name", string("At most 150 characters.").maxLength(150),
                                "email", string(null).format("email"))).description(
                                "PATCH changes the fields sent; PUT replaces the account's fields and needs both."))
                .addSchemas("RoomChanges", object(Map.of(
                                "name", string("At most 100 characters.").maxLength(100),
                                "description", string(null),
                                "room_type", string(null)._enum(List.of("chat", "video")))).description(
                                "POST and PUT need `name` and `room_type`; PATCH changes the fields sent. "
                                        + "`id`, `creator`, `created_at` and `is_active` are read-only and ignored."))
                .addSchemas("MessageContent", object(Map.of("content", string(
                                "Not blank, at most `rooms.websocket.max-content-length` (16,000) characters; stored as sent.")),
                                "content"))
                .addSchemas("AccessToken", object(Map.of("access", string("A new access token.")), "access"))
                .addSchemas("LoggedOut", object(Map.of("message", string(null)), "message"));
    }

    private static void describe(String path, PathItem.HttpMethod method, Operation operation) {
        String id = operation.getOperationId();
        if (PUBLIC.contains(id)) {
            operation.setSecurity(List.of());
        }
        ApiResponses responses = operation.getResponses();
        responses.values().forEach(ApiDocumentation::jsonOnly);
        if (method == PathItem.HttpMethod.POST
                && (id.startsWith("create") || id.equals("register") || id.equals("postMessage"))) {
            responses.put("201", responses.remove("200").description("Created"));
        } else if (method == PathItem.HttpMethod.DELETE) {
            responses.remove("200");
            responses.put("204", new ApiResponse().description("Deleted; no body"));
        }
        String body = switch (id) {
            case "register" -> "RegisterRequest";
            case "login" -> "LoginRequest";
            case "refresh" -> "RefreshRequest";
            case "logout" -> "LogoutRequest";
            case "updateProfile", "replaceProfile" -> "ProfileChanges";
            case "createRoom", "updateRoom", "replaceRoom" -> "RoomChanges";
            case "postMessage", "editMessage" -> "MessageContent";
            default -> null;
        };
        if (body != null) {
            operation.setRequestBody(new RequestBody().required(!id.equals("logout")).content(json(ref(body))));
        } else if (operation.getRequestBody() != null) {
            // A tree-reading endpoint not described above: at least a JSON object, not Jackson's JsonNode internals.
            operation.getRequestBody().setContent(json(new Schema<>().types(Set.of("object"))));
        }
        operation.setTags(List.of(path.startsWith("/auth/") ? "accounts" : path.contains("/messages/") ? "messages" : "rooms"));
        switch (id) {
            case "refresh" -> responses.get("200").setContent(json(ref("AccessToken")));
            case "logout" -> responses.get("200").setContent(json(ref("LoggedOut")));
            case "listRooms" -> {
                operation.summary("Active rooms, oldest first").description(
                        "Without parameters every active room, as the spec lists them. The filters combine; with "
                                + "`limit` the answer is one page and `Link: <...>; rel=\"next\"` leads on while more remain.");
                operation.parameters(List.of(
                        query("room_type", string(null)._enum(List.of("chat", "video")), "Only rooms of this type."),
                        query("search", string(null), "Case-insensitive text in the name or description."),
                        query("creator", string(null), "`me` or a user id: only rooms this user created."),
                        query("after", integer(), "Rooms with a greater id (the cursor of `next`)."),
                        query("limit", limit(), "Page size, 1-1000.")));
                linkHeader(responses.get("200"));
            }
            case "listMessagePage" -> {
                operation.summary("A room's messages, oldest first").description(
                        "Without `limit` and `before`: every message (after `after`), streamed. With `limit` or "
                                + "`before`: one page (default 50) with `Link` headers: `rel=\"prev\"` (older, by `before`) "
                                + "and `rel=\"next\"` (newer, by `after`).");
                operation.parameters(new ArrayList<>(List.of(operation.getParameters().get(0),
                        query("after", integer(), "Only messages with a greater id."),
                        query("before", integer(), "Only messages with a smaller id (pages backwards)."),
                        query("since", dateTime(), "Created at or after (ISO 8601; UTC without an offset)."),
                        query("until", dateTime(), "Created before (ISO 8601; UTC without an offset)."),
                        query("search", string(null), "Case-insensitive text in the content."),
                        query("user", integer(), "Only this user's messages."),
                        query("limit", limit(), "Page size, 1-1000."),
                        includeEditedAt())));
                responses.get("200").setContent(json(new ArraySchema().items(ref("MessageResponse"))));
                linkHeader(responses.get("200"));
            }
            case "listMessages" -> operation.getParameters().add(includeEditedAt());
            case "postMessage" -> {
                operation.summary("Post a message without a WebSocket (extension)").description(
                        "Stored and broadcast through the same path as a socket's chat message. The same "
                                + "`Idempotency-Key` from the same user within 24 h answers the original message "
                                + "(with `Idempotent-Replayed: true`) and posts nothing.");
                operation.getParameters().stream().filter(p -> "Idempotency-Key".equals(p.getName())).forEach(p -> p
                        .schema(string(null).minLength(1).maxLength(255))
                        .description("Makes a retry safe: 1-255 characters, unique per message (a UUID)."));
                responses.get("201").addHeaderObject("Idempotent-Replayed", new Header().schema(string(null))
                        .description("`true` when this answers an earlier request with the same key."));
                responses.addApiResponse("422", error("The key was used for a message in another room"));
                responses.addApiResponse("503", error("The room's queue is full; try again later"));
            }
            case "editMessage" -> {
                operation.summary("Edit one's own message (extension)").description(
                        "Answers the message with `edited_at`; sockets that opted into `edits` hear it.");
                responses.addApiResponse("403", error("Only its author may edit a message"));
            }
            case "deleteMessage" -> {
                operation.summary("Delete a message (extension)").description(
                        "Its author or the room's creator may; sockets that opted into `edits` hear it.");
                responses.addApiResponse("403", error("Only its author or the room's creator may delete a message"));
            }
            case "present" -> operation.summary("Who is connected to the room now, on every server process (extension)");
            case "rtcConfig" -> operation.summary("ICE servers for WebRTC calls (extension)").description(
                    "The configured STUN/TURN servers (`rooms.rtc.ice-servers`); empty by default.");
            case "searchMessages" -> {
                operation.summary("Search messages of every active room, newest first").description(
                        "Pages of `limit` (default 50); `Link: <...>; rel=\"next\"` (by `before`) while more remain.");
                operation.parameters(List.of(
                        query("q", string(null).minLength(1), "Case-insensitive text in the content.").required(true),
                        query("room", integer(), "Only this room."),
                        query("user", integer(), "Only this user's messages."),
                        query("since", dateTime(), "Created at or after (ISO 8601)."),
                        query("until", dateTime(), "Created before (ISO 8601)."),
                        query("before", integer(), "Only messages with a smaller id (the cursor of `next`)."),
                        query("limit", limit(), "Page size, 1-1000.")));
                linkHeader(responses.get("200"));
            }
            default -> {
            }
        }
        boolean takesInput = body != null || (operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(p -> "query".equals(p.getIn())));
        if (takesInput) {
            responses.addApiResponse("400", new ApiResponse().description("Invalid input").content(json(ref("FieldErrors"))));
        }
        responses.addApiResponse("429", error("Throttled (rate limits); `Retry-After` says in how many seconds to retry"));
        if (!PUBLIC.contains(id)) {
            responses.addApiResponse("401", error("No, an invalid or an expired access token"));
        } else if (!id.equals("register")) {
            responses.addApiResponse("401", error("Wrong credentials or token"));
        }
        if (id.endsWith("Room") && !id.equals("createRoom") && method != PathItem.HttpMethod.GET) {
            responses.addApiResponse("403", error("Only the room's creator may change or delete it"));
        }
        if (path.contains("{")) {
            responses.addApiResponse("404", error("No such active room"));
        }
        if (body != null) {
            responses.addApiResponse("413", error("Request body larger than `rooms.max-request-body`"));
            responses.addApiResponse("415", error("The body is not JSON"));
        }
    }

    private static void jsonOnly(ApiResponse response) {
        Content content = response.getContent();
        if (content != null && content.containsKey("*/*")) {
            MediaType any = content.remove("*/*");
            content.putIfAbsent(JSON, any);
            content.keySet().retainAll(Set.of(JSON));
        }
    }

    private static void linkHeader(ApiResponse response) {
        response.addHeaderObject("Link", new Header().schema(string(null))
                .description("RFC 8288 links to the pages around this one, when there are any."));
    }

    private static Parameter includeEditedAt() {
        return query("include", string(null)._enum(List.of("edited_at")),
                "`edited_at`: add each message's edit time, when it was edited (an extension; the spec's shape without).");
    }

    private static ApiResponse error(String description) {
        return new ApiResponse().description(description).content(json(ref("Error")));
    }

    private static Parameter query(String name, Schema<?> schema, String description) {
        return new Parameter().in("query").name(name).required(false).schema(schema).description(description);
    }

    private static Content json(Schema<?> schema) {
        return new Content().addMediaType(JSON, new MediaType().schema(schema));
    }

    private static Schema<?> ref(String name) {
        return new Schema<>().$ref("#/components/schemas/" + name);
    }

    private static Schema<Object> string(String description) {
        return new Schema<>().types(Set.of("string")).description(description);
    }

    private static Schema<?> integer() {
        return new Schema<>().types(Set.of("integer")).format("int64");
    }

    private static Schema<?> limit() {
        return new Schema<>().types(Set.of("integer")).minimum(java.math.BigDecimal.ONE)
                .maximum(java.math.BigDecimal.valueOf(1000));
    }

    private static Schema<?> dateTime() {
        return new Schema<>().types(Set.of("string")).format("date-time");
    }

    private static Schema<Object> object(Map<String, Schema<?>> properties, String... required) {
        Schema<Object> schema = new Schema<>().types(Set.of("object"));
        new TreeSet<>(properties.keySet()).forEach(name -> schema.addProperty(name, properties.get(name)));
        if (required.length > 0) {
            schema.setRequired(List.of(required));
        }
        return schema;
    }
}
