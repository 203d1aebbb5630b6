package org.hotline.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The pages the server serves itself, no front-end build: the agent console at {@code /agent},
 * the wallboard at {@code /wallboard} (plain HTML and JavaScript on the API and the sockets; no
 * inline script in the pages but the wallboard's).
 */
final class Pages {

    private static final Map<String, String> FILES = Map.of(
            "/agent", "agent.html",
            "/wallboard", "wallboard.html",
            "/hotline.css", "hotline.css",
            "/session.js", "session.js",
            "/agent.js", "agent.js",
            "/records.js", "records.js");

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
                    .putHeader("Content-Security-Policy", "default-src 'self'; script-src 'self' 'unsafe-inline'; "
                            + "style-src 'self'; connect-src 'self'; frame-ancestors 'none'")
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
