package org.hotline.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The pages the server serves itself, no front-end build: the agent console at {@code /agent},
 * the wallboard at {@code /wallboard}, the supervisors' pages at {@code /supervisor} (plain HTML
 * and JavaScript on the API and the sockets; scripts and styles from files only, so the
 * Content-Security-Policy allows nothing inline), their labels from the message bundles
 * {@code /i18n/zh-CN.json} and {@code /i18n/en.json}, and Apache ECharts from its WebJar.
 */
final class Pages {

    /** What is served where: the pages, their scripts and style, the message bundles. */
    static final Map<String, String> FILES = Map.ofEntries(
            Map.entry("/agent", "agent.html"),
            Map.entry("/wallboard", "wallboard.html"),
            Map.entry("/supervisor", "supervisor.html"),
            Map.entry("/hotline.css", "hotline.css"),
            Map.entry("/i18n.js", "i18n.js"),
            Map.entry("/session.js", "session.js"),
            Map.entry("/agent.js", "agent.js"),
            Map.entry("/records.js", "records.js"),
            Map.entry("/customers.js", "customers.js"),
            Map.entry("/callbacks.js", "callbacks.js"),
            Map.entry("/wallboard.js", "wallboard.js"),
            Map.entry("/supervisor.js", "supervisor.js"),
            Map.entry("/i18n/zh-CN.json", "i18n/zh-CN.json"),
            Map.entry("/i18n/en.json", "i18n/en.json"));

    /** The WebJar's echarts.min.js, at {@code /lib/echarts.min.js}. */
    private static final String ECHARTS = "META-INF/resources/webjars/echarts/%s/dist/echarts.min.js";

    /** Scripts, styles and connections from this server only; nothing inline, no framing, no base or form elsewhere. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private Pages() {
    }

    static void mount(Router root) {
        FILES.forEach((path, file) -> serve(root, path, file, read(file)));
        serve(root, "/lib/echarts.min.js", "echarts.min.js", echarts());
        root.get("/").handler(ctx -> ctx.redirect("/agent"));
    }

    private static void serve(Router root, String path, String file, byte[] bytes) {
        Buffer content = Buffer.buffer(bytes);
        String type = file.endsWith(".html") ? "text/html; charset=utf-8" : file.endsWith(".css") ? "text/css; charset=utf-8"
                : file.endsWith(".json") ? "application/json; charset=utf-8" : "text/javascript; charset=utf-8";
        root.get(path).handler(ctx -> ctx.response()
                .putHeader("Content-Type", type)
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .end(content));
    }

    /** ECharts from its WebJar (the version the build brought, read from the WebJar's own description). */
    private static byte[] echarts() {
        var properties = new java.util.Properties();
        try (InputStream in = Pages.class.getResourceAsStream("/META-INF/maven/org.webjars.npm/echarts/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the ECharts WebJar (org.webjars.npm:echarts) is missing from the classpath");
            }
            properties.load(in);
            try (InputStream script = Pages.class.getResourceAsStream("/" + ECHARTS.formatted(properties.getProperty("version")))) {
                if (script == null) {
                    throw new IllegalStateException("echarts.min.js is missing from the ECharts WebJar");
                }
                return script.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
