package dev.faultline.proxy.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** HTTP written by hand, for requests no HTTP client would send (bad escapes, huge headers, garbage). */
public final class RawHttp {
    private RawHttp() {
    }

    /** Status code and body of an answer; status 0 when the server closed without answering. */
    public record Answer(int status, String body) {
    }

    /** Sends {@code request} as is and reads the answer until the server closes or its body is complete. */
    public static Answer exchange(int port, byte[] request) throws IOException {
        return exchangeFrom("127.0.0.1", port, request);
    }

    /** As {@link #exchange(int, byte[])}, from a chosen loopback address (127.0.0.2 works on Linux). */
    public static Answer exchangeFrom(String localAddress, int port, byte[] request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(10_000);
            try {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
            } catch (SocketException e) {
                // the server may answer and close before reading the whole request: read what it said
            }
            return read(socket.getInputStream());
        }
    }

    public static Answer exchange(int port, String request) throws IOException {
        return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            while (true) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                bytes.write(buffer, 0, n);
                if (complete(bytes.toString(StandardCharsets.UTF_8))) {
                    break;
                }
            }
        } catch (SocketException | SocketTimeoutException e) {
            // reset or stalled: parse what came
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        if (!text.startsWith("HTTP/1.1 ")) {
            return new Answer(0, text);
        }
        int status = Integer.parseInt(text.substring(9, 12));
        int split = text.indexOf("\r\n\r\n");
        return new Answer(status, split < 0 ? "" : text.substring(split + 4));
    }

    private static boolean complete(String text) {
        int split = text.indexOf("\r\n\r\n");
        if (split < 0) {
            return false;
        }
        String head = text.substring(0, split).toLowerCase(java.util.Locale.ROOT);
        int at = head.indexOf("content-length: ");
        if (at < 0) {
            return false;
        }
        int end = head.indexOf("\r\n", at);
        int length = Integer.parseInt(head.substring(at + 16, end < 0 ? head.length() : end).trim());
        return text.length() - split - 4 >= length;
    }
}
