package dev.rooms.server.live;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A hand-written WebSocket client over a plain socket: shows the exact HTTP answer to a handshake, and can
 * complete the upgrade and then never read, like a stalled peer.
 */
final class RawSocket implements AutoCloseable {

    /** The HTTP answer to a handshake. */
    record Answer(int status, Map<String, String> headers, String body) {
    }

    private final Socket socket;

    private RawSocket(Socket socket) {
        this.socket = socket;
    }

    /** Sends an upgrade request with the given extra header lines and reads the HTTP answer. */
    static Answer handshake(int port, String path, String... headerLines) throws IOException {
        try (RawSocket raw = new RawSocket(new Socket("127.0.0.1", port))) {
            return raw.upgrade(path, headerLines);
        }
    }

    /** Completes an upgrade with a tiny receive buffer; the caller then stops reading. */
    static RawSocket stalled(int port, String path, String token) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port));
        RawSocket raw = new RawSocket(socket);
        Answer answer = raw.upgrade(path, "Authorization: Bearer " + token);
        if (answer.status() != 101) {
            throw new IOException("upgrade refused: " + answer);
        }
        return raw;
    }

    private Answer upgrade(String path, String... headerLines) throws IOException {
        StringBuilder request = new StringBuilder()
                .append("GET ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(socket.getPort()).append("\r\n")
                .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                .append("Sec-WebSocket-Version: 13\r\n")
                .append("Sec-WebSocket-Key: ").append(Base64.getEncoder().encodeToString("0123456789abcdef".getBytes(StandardCharsets.US_ASCII))).append("\r\n");
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        request.append("\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(request.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        InputStream in = socket.getInputStream();
        String statusLine = readLine(in);
        Map<String, String> headers = new LinkedHashMap<>();
        String line;
        while (!(line = readLine(in)).isEmpty()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(), line.substring(colon + 1).trim());
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        String body = "";
        if (status != 101) {
            body = readBody(in, headers);
        }
        return new Answer(status, headers, body);
    }

    private static String readBody(InputStream in, Map<String, String> headers) throws IOException {
        if (headers.containsKey("content-length")) {
            return new String(in.readNBytes(Integer.parseInt(headers.get("content-length"))), StandardCharsets.UTF_8);
        }
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            int size;
            while ((size = Integer.parseInt(readLine(in).trim(), 16)) > 0) {
                body.write(in.readNBytes(size));
                readLine(in);
            }
            return body.toString(StandardCharsets.UTF_8);
        }
        return "";
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    /**
     * Reads frames until the server's close frame and returns its close code (-1 if the connection ended
     * without one). Used once a test lets the stalled peer read again.
     */
    int drainUntilClose() throws IOException {
        InputStream in = socket.getInputStream();
        socket.setSoTimeout(30_000);
        while (true) {
            int first = in.read();
            if (first == -1) {
                return -1;
            }
            int second = in.read();
            long length = second & 0x7f;
            if (length == 126) {
                length = ((in.read() & 0xff) << 8) | (in.read() & 0xff);
            } else if (length == 127) {
                length = 0;
                for (int i = 0; i < 8; i++) {
                    length = (length << 8) | (in.read() & 0xff);
                }
            }
            byte[] payload = in.readNBytes((int) length);
            if ((first & 0x0f) == 0x8) {
                return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
