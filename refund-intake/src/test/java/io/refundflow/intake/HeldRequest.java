package io.refundflow.intake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A request (by default a JSON POST) whose head and first half of the body are sent and whose rest is held back: the service has taken
 * it (it is past the admission gate, reading its body) and keeps it running until {@link #finish()}.
 */
final class HeldRequest implements AutoCloseable {

    private static final int READ_TIMEOUT_MILLIS = 30_000;

    private final Socket socket;
    private final byte[] rest;

    private HeldRequest(Socket socket, byte[] rest) {
        this.socket = socket;
        this.rest = rest;
    }

    static HeldRequest start(int port, String token, String path, String json) throws IOException {
        return start(port, token, "POST", path, "application/json", json);
    }

    static HeldRequest start(int port, String token, String method, String path, String contentType, String text)
            throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        int half = body.length / 2;
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        OutputStream out = socket.getOutputStream();
        out.write((method + " " + path + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\n"
                + "Authorization: Bearer " + token + "\r\n"
                + "Idempotency-Key: " + Api.newKey() + "\r\n"
                + "Content-Type: " + contentType + "\r\n"
                + "Connection: close\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body, 0, half);
        out.flush();
        byte[] rest = new byte[body.length - half];
        System.arraycopy(body, half, rest, 0, rest.length);
        return new HeldRequest(socket, rest);
    }

    /** Sends the rest of the body; answers the status line, headers and body the service then sends. */
    String finish() throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(rest);
        out.flush();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        in.transferTo(answer); // Connection: close, so the answer ends with the stream
        return answer.toString(StandardCharsets.UTF_8);
    }

    /** The status code of an answer as {@link #finish()} returns it. */
    static int status(String answer) {
        return Integer.parseInt(answer.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
