package dev.ocrbridge.operations;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 over a plain socket, so a test can send exactly the headers an attacker would (a foreign Host, an
 * Origin), which Java's HTTP clients refuse to set.
 */
final class RawHttp {

    record Response(int status, String body) {
    }

    private RawHttp() {
    }

    static Response send(int port, String method, String path, String... headerLines) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(20_000);
            StringBuilder request = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n");
            boolean hasHost = false;
            for (String h : headerLines) {
                hasHost |= h.regionMatches(true, 0, "Host:", 0, 5);
                request.append(h).append("\r\n");
            }
            if (!hasHost) {
                request.append("Host: 127.0.0.1:").append(port).append("\r\n");
            }
            request.append("Content-Length: 0\r\nConnection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int status = Integer.parseInt(text.substring(9, 12));
            int bodyStart = text.indexOf("\r\n\r\n");
            String body = bodyStart < 0 ? "" : text.substring(bodyStart + 4);
            if (text.toLowerCase().contains("transfer-encoding: chunked")) {
                body = dechunk(body);
            }
            return new Response(status, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends the request line and headers with {@code Content-Length: declaredLength}, and none of the body; reads
     * the answer by its own {@code Content-Length} (the server may answer while the request is unfinished).
     */
    static Response declareBody(int port, String method, String path, long declaredLength, String... headerLines) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(60_000); // a server that waits for the body fails the test instead of hanging it
            StringBuilder request = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n");
            request.append("Host: 127.0.0.1:").append(port).append("\r\n");
            for (String h : headerLines) {
                request.append(h).append("\r\n");
            }
            request.append("Content-Length: ").append(declaredLength).append("\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed before an answer");
                }
                head.write(b);
            }
            String headers = head.toString(StandardCharsets.ISO_8859_1);
            int length = 0;
            for (String line : headers.split("\r\n")) {
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            return new Response(Integer.parseInt(headers.substring(9, 12)),
                    new String(in.readNBytes(length), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String dechunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < chunked.length()) {
            int eol = chunked.indexOf("\r\n", i);
            int size = Integer.parseInt(chunked.substring(i, eol).trim(), 16);
            if (size == 0) {
                break;
            }
            out.append(chunked, eol + 2, eol + 2 + size);
            i = eol + 2 + size + 2;
        }
        return out.toString();
    }
}
