package dev.rooms.server.operations;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the AsyncAPI 3 document of the WebSocket protocol, beside the OpenAPI document of the REST API. It is
 * written by hand (no generator reads Spring's WebSocket handlers); {@code LiveProtocolDocumentTest} keeps its
 * close codes in step with the server's.
 */
@Hidden
@RestController
class AsyncApiController {

    private static final MediaType YAML = MediaType.parseMediaType("application/yaml");
    private final Resource document = new ClassPathResource("api/asyncapi.yaml");

    @GetMapping("/api/asyncapi/")
    ResponseEntity<Resource> asyncApi() {
        return ResponseEntity.ok().contentType(YAML).body(document);
    }
}
