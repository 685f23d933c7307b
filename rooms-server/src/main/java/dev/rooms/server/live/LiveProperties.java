package dev.rooms.server.live;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the WebSocket endpoint ({@code rooms.websocket.*}).
 *
 * @param allowedOrigins     origin patterns allowed to open a socket; {@code *} (the default) allows every page,
 *                           which is safe because the token, not a cookie, authenticates
 * @param maxFrameSize       largest inbound message; a bigger one closes the connection with 1009
 * @param maxContentLength   longest chat {@code content}, in characters (code points); a longer message is refused
 *                           (an error frame to a sender that gave a nonce). Must fit the frame limit even in the
 *                           worst case, {@value #MAX_UTF8_BYTES_PER_CHARACTER} UTF-8 bytes per character plus
 *                           {@value #FRAME_ALLOWANCE} bytes for the rest of the frame, or the server does not start
 * @param sendBufferLimit    outgoing data (UTF-16 characters counted as bytes) queued for one connection; a
 *                           connection whose queue would exceed it is closed with 4008
 * @param sendTimeout        how long one outgoing frame may take to reach the peer's socket before the
 *                           connection is given up
 * @param pingInterval       a connection that sent nothing for this long is pinged
 * @param idleTimeout        a connection that sent nothing (not even a pong) for this long is closed
 * @param maxConnections     cap on the server's open connections (Jetty has none of its own); past it Jetty
 *                           stops accepting until one closes. {@code server.jetty.max-connections} wins if set
 */
@ConfigurationProperties("rooms.websocket")
record LiveProperties(
        @DefaultValue("*") List<String> allowedOrigins,
        @DefaultValue("64KB") DataSize maxFrameSize,
        @DefaultValue("16000") int maxContentLength,
        @DefaultValue("1MB") DataSize sendBufferLimit,
        @DefaultValue("20s") Duration sendTimeout,
        @DefaultValue("25s") Duration pingInterval,
        @DefaultValue("60s") Duration idleTimeout,
        @DefaultValue("20000") int maxConnections) {

    static final int MAX_UTF8_BYTES_PER_CHARACTER = 4;
    /** Room for the rest of a chat frame: the JSON around the content, a nonce, a {@code type}. */
    static final int FRAME_ALLOWANCE = 1024;

    LiveProperties {
        if (maxContentLength < 1) {
            throw new IllegalArgumentException("rooms.websocket.max-content-length must be at least 1, not "
                    + maxContentLength);
        }
        // Otherwise a message within the content limit could close its socket (1009) instead of being stored.
        long needed = (long) maxContentLength * MAX_UTF8_BYTES_PER_CHARACTER + FRAME_ALLOWANCE;
        if (maxFrameSize.toBytes() < needed) {
            throw new IllegalArgumentException("rooms.websocket.max-content-length=" + maxContentLength
                    + " needs rooms.websocket.max-frame-size of at least " + needed + " bytes ("
                    + MAX_UTF8_BYTES_PER_CHARACTER + " per character plus " + FRAME_ALLOWANCE
                    + " for the rest of the frame), but it is " + maxFrameSize.toBytes()
                    + "; raise max-frame-size or lower max-content-length");
        }
    }
}
