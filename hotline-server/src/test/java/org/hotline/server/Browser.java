package org.hotline.server;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * Headless Chromium driven over the W3C WebDriver protocol by Debian's chromedriver (plain HTTP
 * and JSON, no client library): open a page, type, click, read text, run a script.
 */
final class Browser implements AutoCloseable {

    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

    private final Process driver;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String session;

    Browser() throws Exception {
        this("zh-CN,zh", 1280, 900);
    }

    /** A browser whose languages are {@code acceptLanguages} (its first choice first), with a window of that size. */
    Browser(String acceptLanguages, int width, int height) throws Exception {
        Path chromedriver = Path.of("/usr/bin/chromedriver");
        if (!Files.isExecutable(chromedriver) || !Files.isExecutable(Path.of("/usr/bin/chromium"))) {
            throw new IllegalStateException("the browser test needs Debian's chromium and chromium-driver "
                    + "(apt-get install chromium chromium-driver; .ci/run installs them)");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        driver = new ProcessBuilder(chromedriver.toString(), "--port=" + port).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        base = "http://127.0.0.1:" + port;
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/status")).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                if (System.nanoTime() > until) {
                    throw new IllegalStateException("chromedriver did not start", notYet);
                }
            }
            Thread.sleep(100);
        }
        JsonObject options = new JsonObject().put("binary", "/usr/bin/chromium").put("args", new JsonArray(List.of(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=" + width + "," + height,
                "--lang=" + acceptLanguages.split(",")[0], "--accept-lang=" + acceptLanguages)))
                .put("prefs", new JsonObject().put("intl.accept_languages", acceptLanguages));
        session = call("POST", "/session", new JsonObject().put("capabilities", new JsonObject().put("alwaysMatch",
                new JsonObject().put("browserName", "chrome").put("goog:chromeOptions", options)))).getString("sessionId");
    }

    void open(String url) throws Exception {
        call("POST", "/session/" + session + "/url", new JsonObject().put("url", url));
    }

    void type(String css, String text) throws Exception {
        onElement(css, "/value", new JsonObject().put("text", text));
    }

    void click(String css) throws Exception {
        onElement(css, "/click", new JsonObject());
    }

    /**
     * Finds {@code css} and acts on it; finds it again when the page drew it anew between the two
     * (WebDriver: "stale element reference", the action not done), as a list re-rendered by a
     * pushed update is.
     */
    private void onElement(String css, String action, JsonObject body) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                call("POST", "/session/" + session + "/element/" + element(css) + action, body);
                return;
            } catch (IllegalStateException e) {
                if (attempt == 5 || e.getMessage() == null || !e.getMessage().contains("stale element reference")) {
                    throw e;
                }
            }
        }
    }

    String text(String css) throws Exception {
        return (String) value("GET", "/session/" + session + "/element/" + element(css) + "/text", null);
    }

    Object script(String script) throws Exception {
        return value("POST", "/session/" + session + "/execute/sync", new JsonObject().put("script", script).put("args", new JsonArray()));
    }

    /** The page as it looks now, as a PNG at {@code file} (for review; the assertions are on text and classes). */
    void screenshot(Path file) throws Exception {
        String png = (String) value("GET", "/session/" + session + "/screenshot", null);
        Files.createDirectories(file.getParent());
        Files.write(file, java.util.Base64.getDecoder().decode(png));
    }

    /** The class attribute of {@code css}. */
    String classes(String css) throws Exception {
        return (String) value("GET", "/session/" + session + "/element/" + element(css) + "/attribute/class", null);
    }

    /** Whether {@code css} is on the page and shown. */
    boolean shown(String css) throws Exception {
        return Boolean.TRUE.equals(value("GET", "/session/" + session + "/element/" + element(css) + "/displayed", null));
    }

    /** Waits until the text of {@code css} (once it exists) satisfies {@code expected}; returns it. */
    String awaitText(String css, Predicate<String> expected, Duration within) throws Exception {
        long until = System.nanoTime() + within.toNanos();
        String last = null;
        while (System.nanoTime() < until) {
            try {
                last = text(css);
                if (expected.test(last)) {
                    return last;
                }
            } catch (IllegalStateException notThereYet) {
                // the element is not on the page yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError(css + " did not show what was expected within " + within.toSeconds() + " s; last: " + last);
    }

    private String element(String css) throws Exception {
        JsonObject found = (JsonObject) value("POST", "/session/" + session + "/element",
                new JsonObject().put("using", "css selector").put("value", css));
        return found.getString(ELEMENT);
    }

    private Object value(String method, String path, JsonObject body) throws Exception {
        return call(method, path, body).getValue("value");
    }

    private JsonObject call(String method, String path, JsonObject body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json");
        request = switch (method) {
            case "GET" -> request.GET();
            case "DELETE" -> request.DELETE();
            default -> request.POST(HttpRequest.BodyPublishers.ofString(body == null ? "{}" : body.encode()));
        };
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonObject json = new JsonObject(response.body());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("WebDriver " + method + " " + path + ": " + json.getJsonObject("value", new JsonObject())
                    .getString("message", response.body()));
        }
        return path.equals("/session") ? json.getJsonObject("value") : json;
    }

    @Override
    public void close() {
        try {
            call("DELETE", "/session/" + session, null);
        } catch (Exception e) {
            // the browser goes with the driver anyway
        }
        driver.destroy();
    }
}
