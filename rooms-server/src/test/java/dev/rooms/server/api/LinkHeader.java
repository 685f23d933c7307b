package dev.rooms.server.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.rooms.testing.ApiClient;

/** The RFC 8288 {@code Link} header of an answer, by relation: {@code <url>; rel="next", <url>; rel="prev"}. */
record LinkHeader(Map<String, String> urls) {

    private static final Pattern LINK = Pattern.compile("<([^>]*)>;\\s*rel=\"([^\"]*)\"");

    static LinkHeader of(ApiClient.Response response) {
        Map<String, String> urls = new LinkedHashMap<>();
        String header = response.header("Link");
        if (header != null) {
            Matcher link = LINK.matcher(header);
            while (link.find()) {
                urls.put(link.group(2), link.group(1));
            }
        }
        return new LinkHeader(urls);
    }

    String next() {
        return urls.get("next");
    }

    String prev() {
        return urls.get("prev");
    }
}
