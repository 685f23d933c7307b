package dev.rooms.server.web;

import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The browser client's only HTML page, at {@code /}; the client routes inside it by the URL's fragment, so no
 * other path ever answers HTML.
 */
@RestController
class IndexPage {

    /**
     * Scripts, styles and media from this server only, no inline script or style, no plugins, no framing: text
     * that slipped into the page as HTML still could not run. {@code connect-src 'self'} covers the page's own
     * {@code ws:}/{@code wss:} origin (CSP Level 3).
     */
    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self'",
            "media-src 'self'",
            "connect-src 'self'",
            "manifest-src 'self'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    private static final Resource INDEX = new ClassPathResource("web/index.html");

    @GetMapping("/")
    ResponseEntity<Resource> index() {
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("Referrer-Policy", "no-referrer")
                .body(INDEX);
    }
}
