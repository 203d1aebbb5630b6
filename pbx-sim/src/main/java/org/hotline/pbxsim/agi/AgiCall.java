package org.hotline.pbxsim.agi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The Asterisk side of one FastAGI session, as pbx-sim plays it: connects to the AGI server,
 * sends the {@code agi_*} request as Asterisk 22 does (transcript agi-01), then answers each
 * command as Asterisk does, including {@code HANGUP} between replies and {@code 511} for
 * commands that need a live channel once the caller is gone (transcript agi-02). Blocking I/O:
 * run it on a virtual thread.
 */
public final class AgiCall {

    /** Commands Asterisk still runs on a dead channel (transcript agi-02 shows these answering 200). */
    private static final Set<String> ALLOWED_WHEN_DEAD = Set.of("SET VARIABLE", "GET VARIABLE", "GET FULL VARIABLE", "EXEC",
            "VERBOSE", "NOOP", "HANGUP", "CHANNEL STATUS", "DATABASE GET", "DATABASE PUT", "DATABASE DEL");

    private final AgiCallScript script;
    private final List<String> exchange = new ArrayList<>();
    private final Map<String, String> variables = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<Long> turnaroundNanos = new ArrayList<>();
    private volatile int received;

    public AgiCall(AgiCallScript script) {
        this.script = script;
    }

    /** Runs the session to its end (the server closes it); returns every line, {@code > } sent by the server, {@code < } by us. */
    public List<String> run(String host, int port) throws IOException {
        return run(host, port, null);
    }

    /** As {@link #run(String, int)}, from the address {@code from} (the Asterisk host it plays; null: any). */
    public List<String> run(String host, int port, String from) throws IOException {
        try (Socket socket = from == null ? new Socket(host, port) : new Socket(host, port, java.net.InetAddress.getByName(from), 0)) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            send(out, request());
            int commands = 0;
            boolean dead = false;
            int keyIndex = 0;
            long replied = System.nanoTime();
            for (String command; (command = in.readLine()) != null; ) {
                turnaroundNanos.add(System.nanoTime() - replied);
                received++;
                exchange.add("> " + command);
                commands++;
                String verb = verb(command);
                List<String> reply = new ArrayList<>();
                if (!dead && commands == script.hangUpDuringCommand()) {
                    dead = true;
                    reply.add(verb.equals("GET DATA") || verb.equals("WAIT FOR DIGIT") ? "200 result=-1" : answer(command, verb));
                    send(out, reply);
                    send(out, List.of("HANGUP"));
                    continue;
                }
                if (verb.equals("?")) {
                    reply.add("510 Invalid or unknown command"); // unknown comes first, dead or alive (agi-02)
                } else if (dead && !ALLOWED_WHEN_DEAD.contains(verb)) {
                    reply.add("511 Command Not Permitted on a dead channel or intercept routine");
                } else if (verb.equals("GET DATA") || verb.equals("WAIT FOR DIGIT")) {
                    String input = keyIndex < script.inputs().size() ? script.inputs().get(keyIndex++) : null;
                    think();
                    reply.add(verb.equals("GET DATA") ? getData(command, input) : waitForDigit(input));
                } else if (script.bargesIn() && stoppedBy(command, verb, keyIndex < script.inputs().size()
                        ? script.inputs().get(keyIndex) : "")) {
                    reply.add("200 result=" + (int) script.inputs().get(keyIndex++).charAt(0)
                            + (verb.equals("STREAM FILE") ? " endpos=1200" : ""));
                } else {
                    if (verb.equals("STREAM FILE") || verb.startsWith("SAY")) {
                        think();
                    }
                    reply.add(answer(command, verb));
                }
                send(out, reply);
                replied = System.nanoTime();
            }
        }
        return exchange;
    }

    /**
     * GET DATA's answer: the digits keyed in; {@code (timeout)} after them when the caller
     * stopped before the most digits and did not end with #; {@code result=} and {@code (timeout)}
     * for silence.
     */
    private static String getData(String command, String input) {
        String[] words = command.split(" ");
        int max = words.length > 4 ? Integer.parseInt(words[4]) : 1024;
        if (input == null || input.isEmpty()) {
            return "200 result= (timeout)";
        }
        if (input.endsWith("#")) {
            return "200 result=" + input.substring(0, input.length() - 1);
        }
        return input.length() >= max ? "200 result=" + input.substring(0, max) : "200 result=" + input + " (timeout)";
    }

    /**
     * Whether {@code key} stops this prompt: a STREAM FILE or SAY DIGITS whose escape digits
     * (the argument after the file or the digits) hold it. Asterisk drops a key pressed during a
     * prompt without them, so a caller who barges in waits for the menu there.
     */
    private static boolean stoppedBy(String command, String verb, String key) {
        if (key.length() != 1 || !(verb.equals("STREAM FILE") || verb.equals("SAY DIGITS"))) {
            return false;
        }
        String[] words = command.split(" ");
        String escape = words.length > 3 ? words[3].replace("\"", "") : "";
        return escape.contains(key);
    }

    /** WAIT FOR DIGIT's answer: the key's ASCII code, 0 when none came. */
    private static String waitForDigit(String input) {
        return input == null || input.isEmpty() ? "200 result=0" : "200 result=" + (int) input.charAt(0);
    }

    private void think() {
        if (!script.thinkTime().isZero()) {
            try {
                Thread.sleep(script.thinkTime());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The channel variables the server set (SET VARIABLE), as the dialplan reads them after the AGI returns. */
    public Map<String, String> variables() {
        return Map.copyOf(variables);
    }

    /** How many commands the server has sent so far (readable from another thread while the call runs). */
    public int commandsReceived() {
        return received;
    }

    /** For each command received, how long the server took to send it after our previous reply (the first: after the request). */
    public List<Long> turnaroundNanos() {
        return List.copyOf(turnaroundNanos);
    }

    private String answer(String command, String verb) {
        return switch (verb) {
            case "ANSWER", "EXEC", "SAY DIGITS", "SAY NUMBER", "NOOP", "STREAM FILE" ->
                    verb.equals("STREAM FILE") ? "200 result=0 endpos=3520" : "200 result=0";
            case "SET VARIABLE" -> {
                String[] parts = command.substring("SET VARIABLE ".length()).split(" ", 2);
                variables.put(parts[0], parts.length > 1 ? parts[1].replace("\"", "") : "");
                yield "200 result=1";
            }
            case "GET VARIABLE" -> {
                String name = command.substring("GET VARIABLE ".length()).trim();
                String value = name.equals("CALLERID(num)") ? script.callerId() : variables.get(name);
                yield value == null ? "200 result=0" : "200 result=1 (" + value + ")";
            }
            case "GET FULL VARIABLE" -> {
                String expression = command.substring("GET FULL VARIABLE ".length()).trim();
                yield expression.equals("${CHANNEL}") ? "200 result=1 (" + script.channel() + ")" : "200 result=0";
            }
            case "VERBOSE", "HANGUP" -> "200 result=1";
            default -> "510 Invalid or unknown command";
        };
    }

    /** The command's name: its leading words in capitals (GET DATA, STREAM FILE, EXEC, ...). */
    private static String verb(String command) {
        for (String known : List.of("GET FULL VARIABLE", "GET VARIABLE", "SET VARIABLE", "GET DATA", "STREAM FILE", "WAIT FOR DIGIT",
                "SAY DIGITS", "SAY NUMBER", "CHANNEL STATUS", "DATABASE GET", "DATABASE PUT", "DATABASE DEL")) {
            if (command.toUpperCase(Locale.ROOT).startsWith(known + " ") || command.equalsIgnoreCase(known)) {
                return known;
            }
        }
        String first = command.split(" ", 2)[0].toUpperCase(Locale.ROOT);
        return switch (first) {
            case "ANSWER", "EXEC", "NOOP", "VERBOSE", "HANGUP" -> first;
            default -> "?";
        };
    }

    private List<String> request() {
        List<String> lines = new ArrayList<>(List.of(
                "agi_network: yes", "agi_network_script: " + script.script(), "agi_request: agi://127.0.0.1:4573/" + script.script(),
                "agi_channel: " + script.channel(), "agi_language: " + script.language(), "agi_type: Local", "agi_uniqueid: " + script.uniqueid(),
                "agi_version: 22.10.1", "agi_callerid: " + script.callerId(), "agi_calleridname: " + script.callerName(),
                "agi_callingpres: 0", "agi_callingani2: 0", "agi_callington: 0", "agi_callingtns: 0", "agi_dnid: unknown",
                "agi_rdnis: unknown", "agi_context: ivr-then-queue", "agi_extension: 4008", "agi_priority: 2",
                "agi_enhanced: 0.0", "agi_accountcode: ", "agi_threadid: " + Thread.currentThread().threadId()));
        for (int i = 0; i < script.arguments().size(); i++) {
            lines.add("agi_arg_" + (i + 1) + ": " + script.arguments().get(i));
        }
        lines.add("");
        return lines;
    }

    private void send(OutputStream out, List<String> lines) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            exchange.add("< " + line);
            text.append(line).append('\n');
        }
        out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
