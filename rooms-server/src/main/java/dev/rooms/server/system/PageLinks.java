package dev.rooms.server.system;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The RFC 8288 {@code Link} header of a list page: the absolute URL of this same request with its cursor
 * parameters replaced, every other parameter kept as sent.
 *
 * <p>Scheme, host and port are those of the request; behind a proxy they are the proxy's only when
 * {@code server.forward-headers-strategy} lets Spring apply {@code X-Forwarded-*}/{@code Forwarded}.
 */
public final class PageLinks {

    private static final Set<String> CURSORS = Set.of("after", "before");

    private final HttpServletRequest request;
    private final List<String> links = new ArrayList<>();

    private PageLinks(HttpServletRequest request) {
        this.request = request;
    }

    public static PageLinks of(HttpServletRequest request) {
        return new PageLinks(request);
    }

    /**
     * Adds a link to the page that {@code cursor=id} starts; the other cursor is kept only when
     * {@code keepOtherCursor} (a window bounded on both sides stays bounded when paging inside it).
     */
    public PageLinks add(String rel, String cursor, long id, boolean keepOtherCursor) {
        StringJoiner query = new StringJoiner("&");
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            String name = parameter.getKey();
            if (name.equals(cursor) || (CURSORS.contains(name) && !keepOtherCursor)) {
                continue;
            }
            for (String value : parameter.getValue()) {
                query.add(encode(name) + "=" + encode(value));
            }
        }
        query.add(cursor + "=" + id);
        String base = ServletUriComponentsBuilder.fromCurrentRequestUri().replaceQuery(null).build().toUriString();
        links.add("<" + base + "?" + query + ">; rel=\"" + rel + "\"");
        return this;
    }

    /** The {@code Link} header, or no header at all when there is no other page. */
    public HttpHeaders headers() {
        HttpHeaders headers = new HttpHeaders();
        if (!links.isEmpty()) {
            headers.add(HttpHeaders.LINK, String.join(", ", links));
        }
        return headers;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
