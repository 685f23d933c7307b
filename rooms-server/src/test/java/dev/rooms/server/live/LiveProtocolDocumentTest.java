package dev.rooms.server.live;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.web.socket.CloseStatus;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/** The AsyncAPI document served at /api/asyncapi/ parses, hangs together, and names every close code the server sends. */
class LiveProtocolDocumentTest extends LiveServerTest {

    @Test
    void documentIsAsyncApi3WithBothDirectionsAndEveryRefResolving() throws Exception {
        Map<String, Object> document = fetch();

        assertThat(document.get("asyncapi")).isEqualTo("3.0.0");
        Map<String, Object> operations = map(document, "operations");
        assertThat(operations.values().stream().map(operation -> String.valueOf(((Map<?, ?>) operation).get("action"))).toList())
                .contains("send", "receive");
        Map<String, Object> schemas = map(map(document, "components"), "schemas");
        assertThat(map(map(schemas, "ChatSend"), "properties")).containsKeys("content", "nonce");
        assertThat(map(map(schemas, "ErrorFrame"), "properties")).containsKeys("type", "nonce", "code", "detail");
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);
        assertThat(refs).isNotEmpty().allSatisfy(ref -> assertThat(resolve(document, ref)).as(ref).isNotNull());
    }

    @Test
    void documentNamesEveryCloseCodeTheServerSends() throws Exception {
        Map<String, Object> document = fetch();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> documented = (List<Map<String, Object>>) map(map(document, "info"), "x-close-codes").get("codes");
        Set<Integer> documentedCodes = new TreeSet<>();
        documented.forEach(code -> documentedCodes.add((Integer) code.get("code")));

        Set<Integer> sent = closeCodesOfTheLivePackage();

        assertThat(sent).contains(1000, 1001, 1009, 1011, 1013, 4001, 4003, 4004, 4008);
        assertThat(documentedCodes).containsAll(sent);
    }

    /**
     * Every {@code static final CloseStatus} of a class in the live package (where every close is decided),
     * plus 1001, Spring's own {@code GOING_AWAY}, which the shutdown uses.
     */
    private static Set<Integer> closeCodesOfTheLivePackage() throws Exception {
        Set<Integer> codes = new TreeSet<>(Set.of(CloseStatus.GOING_AWAY.getCode()));
        Resource[] classes = new PathMatchingResourcePatternResolver()
                .getResources("classpath*:dev/rooms/server/live/*.class");
        for (Resource resource : classes) {
            String name = resource.getFilename().replace(".class", "");
            Class<?> type = Class.forName("dev.rooms.server.live." + name, false, LiveProtocolDocumentTest.class.getClassLoader());
            if (!type.getProtectionDomain().getCodeSource().getLocation().getPath().contains("test-classes")) {
                for (Field field : type.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers()) && field.getType() == CloseStatus.class) {
                        field.setAccessible(true);
                        codes.add(((CloseStatus) field.get(null)).getCode());
                    }
                }
            }
        }
        return codes;
    }

    private Map<String, Object> fetch() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/asyncapi/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/yaml"));
        return new Yaml().load(response.body());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        assertThat(parent).containsKey(key);
        return (Map<String, Object>) parent.get(key);
    }

    private static void collectRefs(Object node, List<String> refs) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if ("$ref".equals(key)) {
                    refs.add((String) value);
                } else {
                    collectRefs(value, refs);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectRefs(item, refs));
        }
    }

    private static Object resolve(Map<String, Object> document, String ref) {
        Object node = document;
        for (String part : ref.substring(2).split("/")) {
            node = node instanceof Map<?, ?> map ? map.get(part) : null;
        }
        return node;
    }
}
