package dev.rooms.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A minimal RFC 6455 client connection driven by the {@link EventLoop}: handshake, masked text frames out,
 * text/ping/close frames in. It holds no buffer while idle, so ten thousand of them cost little.
 * All methods run on the loop thread.
 */
final class BenchSocket {

    /** Callbacks on the loop thread; {@link #onClosed} is the last one and comes exactly once. */
    interface Listener {

        void onOpen(BenchSocket socket);

        void onText(BenchSocket socket, byte[] data, int offset, int length, long receivedNanos);

        /**
         * The connection ended: {@code code} is the WebSocket close code (1006 when the TCP connection broke
         * without one), or the HTTP status negated when the handshake was refused.
         */
        void onClosed(BenchSocket socket, int code, String reason);
    }

    private enum State { CONNECTING, HANDSHAKE, OPEN, CLOSING, CLOSED }

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};

    private final EventLoop loop;
    private final int id;
    private final Listener listener;
    private State state = State.CONNECTING;
    private SocketChannel channel;
    private SelectionKey key;
    private String request;
    private String expectedAccept;
    /** Bytes of an incomplete handshake or frame; null while nothing is pending. */
    private ByteBuffer in;
    /** Bytes the kernel did not take yet; null while everything was written. */
    private ByteBuffer out;
    /** A fragmented message being assembled; null almost always. */
    private ByteBuffer fragments;
    private boolean fragmentIsText;
    private int closeCode = 1006;
    private String closeReason = "connection lost";

    BenchSocket(EventLoop loop, int id, Listener listener) {
        this.loop = loop;
        this.id = id;
        this.listener = listener;
    }

    int id() {
        return id;
    }

    boolean isOpen() {
        return state == State.OPEN;
    }

    boolean isClosed() {
        return state == State.CLOSED;
    }

    /** Starts connecting; {@code path} includes any query; a non-null {@code token} goes in the header. */
    void connect(InetSocketAddress server, String path, String token) {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String secKey = Base64.getEncoder().encodeToString(nonce);
        expectedAccept = accept(secKey);
        request = "GET " + path + " HTTP/1.1\r\n"
                + "Host: " + server.getHostString() + ":" + server.getPort() + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + secKey + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + (token != null ? "Authorization: Bearer " + token + "\r\n" : "")
                + "\r\n";
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            key = channel.register(loop.selector(), SelectionKey.OP_CONNECT, this);
            if (channel.connect(server)) {
                connected();
            }
        } catch (IOException e) {
            fail("connect failed: " + e.getMessage());
        }
    }

    void handle(SelectionKey readyKey) {
        try {
            if (!readyKey.isValid()) {
                return;
            }
            if (readyKey.isConnectable()) {
                if (channel.finishConnect()) {
                    connected();
                }
                return;
            }
            if (readyKey.isWritable()) {
                flush();
            }
            if (readyKey.isValid() && readyKey.isReadable()) {
                read();
            }
        } catch (IOException e) {
            fail(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** Sends one text message; queued in memory if the socket cannot take it now. */
    void sendText(String text) {
        if (state != State.OPEN) {
            return;
        }
        sendFrame(0x1, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Starts the closing handshake; the server's close frame (or EOF) completes it. */
    void close(int code) {
        if (state == State.OPEN) {
            sendFrame(0x8, new byte[] {(byte) (code >> 8), (byte) code});
            state = State.CLOSING;
            closeCode = code;
            closeReason = "closed by bench";
        } else if (state != State.CLOSED && state != State.CLOSING) {
            fail("closed by bench before open");
        }
    }

    /** Drops the connection without a closing handshake. */
    void abort() {
        if (state != State.CLOSED) {
            finish(1006, "aborted by bench");
        }
    }

    private void connected() throws IOException {
        state = State.HANDSHAKE;
        key.interestOps(SelectionKey.OP_READ);
        write(ByteBuffer.wrap(request.getBytes(StandardCharsets.ISO_8859_1)));
        request = null;
    }

    private void read() throws IOException {
        ByteBuffer buffer;
        if (in == null) {
            buffer = loop.readBuffer();
            buffer.clear();
        } else {
            if (!in.hasRemaining()) {
                ByteBuffer larger = ByteBuffer.allocate(in.capacity() * 2);
                in.flip();
                larger.put(in);
                in = larger;
            }
            buffer = in;
        }
        int count = channel.read(buffer);
        if (count < 0) {
            finish(closeCode, state == State.CLOSING ? closeReason : "server closed the TCP connection");
            return;
        }
        buffer.flip();
        long now = System.nanoTime();
        if (state == State.HANDSHAKE && !readHandshake(buffer)) {
            if (state == State.HANDSHAKE) {
                keep(buffer);
            }
            return;
        }
        readFrames(buffer, now);
        if (state != State.CLOSED) {
            keep(buffer);
        }
    }

    /** Keeps the unread rest of {@code buffer} for the next read, in a buffer of this socket's own. */
    private void keep(ByteBuffer buffer) {
        if (buffer == in) {
            if (in.hasRemaining()) {
                in.compact();
            } else {
                in = null;
            }
        } else if (buffer.hasRemaining()) {
            in = ByteBuffer.allocate(Math.max(4096, buffer.remaining() * 2));
            in.put(buffer);
        }
    }

    private boolean readHandshake(ByteBuffer buffer) {
        int end = indexOf(buffer, HEADER_END);
        if (end < 0) {
            if (buffer.remaining() > 16 * 1024) {
                fail("handshake response header too large");
            }
            return false;
        }
        int headerLength = end - buffer.position() + HEADER_END.length;
        String header = new String(buffer.array(), buffer.arrayOffset() + buffer.position(), headerLength,
                StandardCharsets.ISO_8859_1);
        buffer.position(end + HEADER_END.length);
        int status = status(header);
        if (status != 101) {
            finish(-status, "handshake refused: " + header.lines().findFirst().orElse(""));
            return false;
        }
        if (!header.toLowerCase().contains("sec-websocket-accept: " + expectedAccept.toLowerCase())) {
            fail("handshake without the expected Sec-WebSocket-Accept");
            return false;
        }
        state = State.OPEN;
        listener.onOpen(this);
        return state == State.OPEN;
    }

    private void readFrames(ByteBuffer buffer, long now) {
        while (state != State.CLOSED && buffer.remaining() >= 2) {
            int start = buffer.position();
            int b0 = buffer.get(start) & 0xff;
            int b1 = buffer.get(start + 1) & 0xff;
            int headerLength = 2;
            long length = b1 & 0x7f;
            if (length == 126) {
                if (buffer.remaining() < 4) {
                    return;
                }
                length = buffer.getShort(start + 2) & 0xffff;
                headerLength = 4;
            } else if (length == 127) {
                if (buffer.remaining() < 10) {
                    return;
                }
                length = buffer.getLong(start + 2);
                headerLength = 10;
            }
            boolean masked = (b1 & 0x80) != 0;
            if (masked || length > 16L * 1024 * 1024) {
                fail(masked ? "server sent a masked frame" : "frame of " + length + " bytes");
                return;
            }
            if (buffer.remaining() < headerLength + length) {
                return;
            }
            int payload = start + headerLength;
            buffer.position(payload + (int) length);
            frame((b0 & 0x80) != 0, b0 & 0x0f, buffer.array(), buffer.arrayOffset() + payload, (int) length, now);
        }
    }

    private void frame(boolean fin, int opcode, byte[] data, int offset, int length, long now) {
        switch (opcode) {
            case 0x1, 0x2 -> {
                if (fin) {
                    if (opcode == 0x1) {
                        listener.onText(this, data, offset, length, now);
                    }
                } else {
                    fragments = ByteBuffer.allocate(Math.max(length * 2, 4096));
                    fragments.put(data, offset, length);
                    fragmentIsText = opcode == 0x1;
                }
            }
            case 0x0 -> {
                if (fragments == null) {
                    fail("continuation frame without a start");
                    return;
                }
                if (fragments.remaining() < length) {
                    ByteBuffer larger = ByteBuffer.allocate((fragments.position() + length) * 2);
                    fragments.flip();
                    larger.put(fragments);
                    fragments = larger;
                }
                fragments.put(data, offset, length);
                if (fin) {
                    ByteBuffer whole = fragments;
                    fragments = null;
                    if (fragmentIsText) {
                        listener.onText(this, whole.array(), 0, whole.position(), now);
                    }
                }
            }
            case 0x8 -> {
                int code = length >= 2 ? ((data[offset] & 0xff) << 8) | (data[offset + 1] & 0xff) : 1005;
                String reason = length > 2 ? new String(data, offset + 2, length - 2, StandardCharsets.UTF_8) : "";
                if (state == State.OPEN) {
                    sendFrame(0x8, length >= 2 ? new byte[] {data[offset], data[offset + 1]} : new byte[0]);
                }
                finish(code, reason);
            }
            case 0x9 -> {
                byte[] pong = new byte[length];
                System.arraycopy(data, offset, pong, 0, length);
                sendFrame(0xA, pong);
            }
            case 0xA -> {
                // an unsolicited pong needs no answer
            }
            default -> fail("unknown opcode " + opcode);
        }
    }

    private void sendFrame(int opcode, byte[] payload) {
        ByteBuffer frame = loop.writeBuffer();
        frame.clear();
        if (frame.capacity() < payload.length + 14) {
            frame = ByteBuffer.allocate(payload.length + 14);
        }
        frame.put((byte) (0x80 | opcode));
        if (payload.length < 126) {
            frame.put((byte) (0x80 | payload.length));
        } else if (payload.length < 65536) {
            frame.put((byte) (0x80 | 126));
            frame.putShort((short) payload.length);
        } else {
            frame.put((byte) (0x80 | 127));
            frame.putLong(payload.length);
        }
        int mask = ThreadLocalRandom.current().nextInt();
        frame.putInt(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.put((byte) (payload[i] ^ (mask >>> (24 - 8 * (i & 3)))));
        }
        frame.flip();
        try {
            write(frame);
        } catch (IOException e) {
            fail(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private void write(ByteBuffer data) throws IOException {
        if (out == null) {
            channel.write(data);
            if (data.hasRemaining()) {
                out = ByteBuffer.allocate(Math.max(4096, data.remaining() * 2));
                out.put(data);
                key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
            }
            return;
        }
        if (out.remaining() < data.remaining()) {
            ByteBuffer larger = ByteBuffer.allocate((out.position() + data.remaining()) * 2);
            out.flip();
            larger.put(out);
            out = larger;
        }
        out.put(data);
    }

    private void flush() throws IOException {
        if (out == null) {
            key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
            return;
        }
        out.flip();
        channel.write(out);
        if (out.hasRemaining()) {
            out.compact();
        } else {
            out = null;
            key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
        }
    }

    private void fail(String reason) {
        finish(1006, reason);
    }

    private void finish(int code, String reason) {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        in = null;
        out = null;
        fragments = null;
        if (key != null) {
            key.cancel();
        }
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the connection is gone either way; the close code below is what counts
            }
        }
        listener.onClosed(this, code, reason);
    }

    private static int status(String header) {
        String[] parts = header.split(" ", 3);
        try {
            return parts.length >= 2 ? Integer.parseInt(parts[1]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int indexOf(ByteBuffer buffer, byte[] pattern) {
        byte[] data = buffer.array();
        int from = buffer.arrayOffset() + buffer.position();
        int to = buffer.arrayOffset() + buffer.limit() - pattern.length;
        outer:
        for (int i = from; i <= to; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i - buffer.arrayOffset();
        }
        return -1;
    }

    private static String accept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }

    /**
     * Closes every socket with the closing handshake, so the server, not the generator, closes TCP first, and
     * waits up to 10 s for the closes to complete.
     */
    static void closeAll(EventLoop loop, BenchSocket[] sockets) {
        loop.call(() -> {
            for (BenchSocket socket : sockets) {
                if (socket != null) {
                    socket.close(1000);
                }
            }
            return null;
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && loop.call(() -> {
            for (BenchSocket socket : sockets) {
                if (socket != null && !socket.isClosed()) {
                    return true;
                }
            }
            return false;
        })) {
            EventLoop.pause(50);
        }
    }
}
