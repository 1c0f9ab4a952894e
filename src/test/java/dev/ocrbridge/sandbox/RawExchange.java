package dev.ocrbridge.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 request over a plain socket, for what Java's HTTP client will not do: a foreign {@code Host}, a
 * {@code Content-Length} whose body is never sent, a chunked body left unfinished. The answer is read by its
 * {@code Content-Length}, so it arrives while the request is still open, as a server that answers early sends it.
 */
final class RawExchange {

    record Response(int status, String body) {
    }

    private final Socket socket;
    private final OutputStream out;

    private RawExchange(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        // not a timing assertion: only so that a server which never answers fails the test instead of hanging it
        socket.setSoTimeout(60_000);
        out = socket.getOutputStream();
    }

    /** Opens the connection and sends the request line and headers (then the blank line). */
    static RawExchange open(int port, String method, String path, String... headerLines) {
        try {
            RawExchange x = new RawExchange(port);
            StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n");
            boolean hasHost = false;
            for (String h : headerLines) {
                hasHost |= h.regionMatches(true, 0, "Host:", 0, 5);
                head.append(h).append("\r\n");
            }
            if (!hasHost) {
                head.append("Host: 127.0.0.1:").append(port).append("\r\n");
            }
            head.append("\r\n");
            x.out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            x.out.flush();
            return x;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends bytes of the body as they are (the caller frames chunks). */
    RawExchange send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends {@code size} spaces as one chunk of a chunked body. */
    RawExchange chunk(int size) {
        byte[] data = new byte[size];
        java.util.Arrays.fill(data, (byte) ' ');
        send((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        send(data);
        return send("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Closes the connection without reading an answer: the request's body ends where the bytes sent end. */
    void abort() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the status line, the headers and {@code Content-Length} bytes of body; then closes the connection. */
    Response answer() {
        try (socket) {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int state = 0;
            while (state < 4) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed before an answer");
                }
                head.write(b);
                state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3))
                        ? state + 1 : 0;
            }
            String headers = head.toString(StandardCharsets.ISO_8859_1);
            int status = Integer.parseInt(headers.substring(9, 12));
            int length = 0;
            for (String line : headers.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            return new Response(status, new String(in.readNBytes(length), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
