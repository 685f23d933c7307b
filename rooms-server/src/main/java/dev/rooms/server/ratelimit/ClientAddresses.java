package dev.rooms.server.ratelimit;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * The client address a per-address limit counts: the peer of the TCP connection, or, when that peer is a trusted
 * proxy, the address {@code X-Forwarded-For} names. The header is read from the right, skipping trusted proxies,
 * because only the entries the trusted proxies appended are true: anything to the left of the first untrusted
 * address was written by the client itself and could be anything.
 */
public final class ClientAddresses {

    private final List<IpAddressMatcher> trusted;

    ClientAddresses(List<String> trustedProxies) {
        this.trusted = trustedProxies.stream().map(String::strip).filter(s -> !s.isEmpty())
                .map(IpAddressMatcher::new).toList();
    }

    public String of(HttpServletRequest request) {
        String address = request.getRemoteAddr();
        if (!isTrusted(address)) {
            return address;
        }
        String[] forwarded = String.join(",", java.util.Collections.list(request.getHeaders("X-Forwarded-For")))
                .split(",");
        for (int i = forwarded.length - 1; i >= 0; i--) {
            String hop = forwarded[i].strip();
            if (hop.isEmpty()) {
                continue;
            }
            address = hop;
            if (!isTrusted(hop)) {
                break;
            }
        }
        return address;
    }

    private boolean isTrusted(String address) {
        for (IpAddressMatcher matcher : trusted) {
            try {
                if (matcher.matches(address)) {
                    return true;
                }
            } catch (IllegalArgumentException notAnAddress) {
                return false;
            }
        }
        return false;
    }
}
