package dev.rooms.server.live;

import jakarta.servlet.ServletContext;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;
import org.springframework.web.socket.server.jetty.JettyRequestUpgradeStrategy;

/**
 * Spring's Jetty upgrade, with the {@code permessage-deflate} extension switched off. Browsers ask for it, and
 * with it every frame would be compressed once per receiver (undoing the one encoding per broadcast) by a
 * compressor each socket holds for its whole life (hundreds of KiB of zlib memory per idle socket). Chat frames
 * are small; the protocol does not depend on compression.
 */
final class UncompressedUpgradeStrategy extends JettyRequestUpgradeStrategy {

    @Override
    public void setServletContext(ServletContext servletContext) {
        super.setServletContext(servletContext);
        WebSocketServerComponents.getWebSocketComponents(ServletContextHandler.getServletContextHandler(servletContext))
                .getExtensionRegistry().unregister("permessage-deflate");
    }
}
