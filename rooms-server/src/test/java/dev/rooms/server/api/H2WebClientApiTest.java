package dev.rooms.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rooms.testing.ApiClient;
import dev.rooms.testing.TestUser;
import org.junit.jupiter.api.Test;

/** The browser client's page and files next to the JSON API, which must answer exactly as before. */
@H2Server
class H2WebClientApiTest extends ApiTest {

    @Test
    void indexPageWithoutTokenThenHtmlWithContentSecurityPolicy() {
        ApiClient.Response page = api.send("GET", "/", null, null, "Accept", "text/html");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).isEqualToIgnoringCase("text/html;charset=UTF-8"); // Jetty writes "utf-8"
        assertThat(page.body()).contains("<script type=\"module\" src=\"/app/main.js\"></script>");
        assertThat(page.header("Content-Security-Policy"))
                .contains("default-src 'none'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:", "*");
    }

    @Test
    void clientModuleWithoutTokenThenJavaScript() {
        ApiClient.Response script = api.get("/app/main.js", null);

        assertThat(script.status()).isEqualTo(200);
        assertThat(script.contentType()).startsWith("text/javascript");
        assertThat(script.body()).contains("import {Session} from './api.js';");
    }

    @Test
    void missingClientFileThenJson404() {
        ApiClient.Response missing = api.send("GET", "/app/nothing-here.js", null, null, "Accept", "text/html");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/json");
        assertThat(missing.json().get("detail").asString()).isEqualTo("Not found.");
    }

    @Test
    void pathsOutsideTheClientNeverAnswerHtml() {
        for (String path : new String[] {"/index.html", "/web/index.html", "/app/", "/api/nothing/", "/rooms/1"}) {
            ApiClient.Response response = api.send("GET", path, null, null, "Accept", "text/html");

            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.contentType()).as(path).startsWith("application/json");
        }
    }

    @Test
    void apiAskedForHtmlThenStill406Json() {
        TestUser user = newUser();

        ApiClient.Response rooms = api.send("GET", "/api/rooms/", null, null,
                "Accept", "text/html", "Authorization", "Bearer " + user.access());

        assertThat(rooms.status()).isEqualTo(406);
        assertThat(rooms.contentType()).startsWith("application/json");
        assertThat(rooms.header("Content-Security-Policy")).isNull();
    }
}
