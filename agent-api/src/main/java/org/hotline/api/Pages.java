package org.hotline.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The pages the server serves itself, no front-end build: the agent console at {@code /agent},
 * the wallboard at {@code /wallboard} (plain HTML and JavaScript on the API and the sockets;
 * scripts and styles from files only, so the Content-Security-Policy allows nothing inline).
 */
final class Pages {

    private static final Map<String, String> FILES = Map.of(
            "/agent", "agent.html",
            "/wallboard", "wallboard.html",
            "/hotline.css", "hotline.css",
            "/session.js", "session.js",
            "/agent.js", "agent.js",
            "/records.js", "records.js",
            "/wallboard.js", "wallboard.js");

    /** Scripts, styles and connections from this server only; nothing inline, no framing, no base or form elsewhere. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private Pages() {
    }

    static void mount(Router root) {
        FILES.forEach((path, file) -> {
            Buffer content = Buffer.buffer(read(file));
            String type = file.endsWith(".html") ? "text/html; charset=utf-8" : file.endsWith(".css") ? "text/css; charset=utf-8"
                    : "text/javascript; charset=utf-8";
            root.get(path).handler(ctx -> ctx.response()
                    .putHeader("Content-Type", type)
                    .putHeader("Cache-Control", "no-cache")
                    .putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("Referrer-Policy", "no-referrer")
                    .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                    .end(content));
        });
        root.get("/").handler(ctx -> ctx.redirect("/agent"));
    }

    private static byte[] read(String file) {
        try (InputStream in = Pages.class.getResourceAsStream("web/" + file)) {
            if (in == null) {
                throw new IllegalStateException("the page " + file + " is missing from the agent-api jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
