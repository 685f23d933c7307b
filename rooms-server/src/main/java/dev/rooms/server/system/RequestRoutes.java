package dev.rooms.server.system;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.web.HttpMediaTypeException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Tells whether a request's path belongs to an endpoint. The original routed before it authenticated, so an
 * unknown URL is a 404 even without a token; security asks this before answering 401.
 */
@Component
public class RequestRoutes {

    private final ObjectProvider<RequestMappingHandlerMapping> mapping;

    RequestRoutes(@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mapping) {
        this.mapping = mapping;
    }

    public boolean exists(HttpServletRequest request) {
        boolean parsedHere = !ServletRequestPathUtils.hasParsedRequestPath(request);
        if (parsedHere) {
            ServletRequestPathUtils.parseAndCache(request);
        }
        try {
            return mapping.getObject().getHandler(request) != null;
        } catch (HttpRequestMethodNotSupportedException | HttpMediaTypeException knownPathOtherwiseWrong) {
            return true;
        } catch (Exception e) {
            // When in doubt, treat the path as real: the caller then asks for credentials rather than hiding an endpoint.
            return true;
        } finally {
            if (parsedHere) {
                ServletRequestPathUtils.clearParsedRequestPath(request);
            }
        }
    }
}
