package org.hotline.ivr.load;

import org.hotline.desk.yaml.YamlFileException;
import org.hotline.desk.yaml.YamlMap;
import org.hotline.desk.yaml.YamlNode;
import org.hotline.ivr.flow.Branch;
import org.hotline.ivr.flow.CallbackWindow;
import org.hotline.ivr.flow.Collect;
import org.hotline.ivr.flow.Condition;
import org.hotline.ivr.flow.CreateRecord;
import org.hotline.ivr.flow.EstimateWait;
import org.hotline.ivr.flow.FindProduct;
import org.hotline.ivr.flow.Goto;
import org.hotline.ivr.flow.HangUp;
import org.hotline.ivr.flow.LookupCaller;
import org.hotline.ivr.flow.Menu;
import org.hotline.ivr.flow.Node;
import org.hotline.ivr.flow.OfferCallback;
import org.hotline.ivr.flow.PickProduct;
import org.hotline.ivr.flow.Play;
import org.hotline.ivr.flow.QueueCall;
import org.hotline.ivr.flow.Say;
import org.hotline.ivr.flow.SetVariables;
import org.hotline.ivr.flow.SurveyQuestion;
import org.hotline.ivr.flow.Template;
import org.hotline.ivr.flow.Transfer;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads one node of a flow file; the kind is the one kind key the node has. */
final class NodeReader {

    static final List<String> KINDS = List.of("play", "say-digits", "say-number", "menu", "collect", "lookup-caller",
            "pick-product", "find-product", "branch", "create-record", "offer-callback", "queue", "transfer",
            "survey-question", "set", "goto", "estimate-wait", "hang-up", "continue-in");

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    Node read(String id, YamlNode node) {
        if (!id.matches("[A-Za-z][\\w-]*")) {
            throw node.error("node names are letters, digits, - and _, starting with a letter");
        }
        List<String> kinds = node.entries().keySet().stream().filter(KINDS::contains).toList();
        if (kinds.size() != 1) {
            throw node.error(kinds.isEmpty() ? "says nothing to do: give one of " + String.join(", ", KINDS)
                    : "has two kinds (" + String.join(", ", kinds) + "); give one per node");
        }
        int line = node.line();
        return switch (kinds.getFirst()) {
            case "play" -> {
                YamlMap m = node.mapping("play", "barge-in", "next");
                yield new Play(id, line, names(m.required("play")), bargeIn(m), m.required("next").text());
            }
            case "say-digits", "say-number" -> {
                String kind = kinds.getFirst();
                YamlMap m = node.mapping(kind, "barge-in", "next");
                yield new Say(id, line, kind.equals("say-digits") ? Say.Kind.DIGITS : Say.Kind.NUMBER, template(m.required(kind)),
                        bargeIn(m), m.required("next").text());
            }
            case "menu" -> menu(id, line, node.mapping("menu", "options", "timeout", "attempts", "invalid-prompt", "on-timeout", "on-invalid"));
            case "collect" -> collect(id, line, node.mapping("collect", "into", "digits", "pattern", "terminator", "timeout", "attempts",
                    "invalid-prompt", "next", "on-fail"));
            case "lookup-caller" -> {
                YamlMap m = node.mapping("lookup-caller", "next");
                empty(m.required("lookup-caller"));
                yield new LookupCaller(id, line, m.required("next").text());
            }
            case "pick-product" -> {
                YamlMap m = node.mapping("pick-product", "item-prompt", "timeout", "next", "on-none");
                yield new PickProduct(id, line, m.required("pick-product").text(), m.required("item-prompt").text(), timeout(m),
                        m.required("next").text(), m.required("on-none").text());
            }
            case "find-product" -> {
                YamlMap m = node.mapping("find-product", "next", "on-unknown");
                yield new FindProduct(id, line, template(m.required("find-product")), m.required("next").text(),
                        m.required("on-unknown").text());
            }
            case "branch" -> branch(id, line, node.mapping("branch", "else"));
            case "create-record" -> {
                YamlMap m = node.mapping("create-record", "priority", "summary", "next");
                yield new CreateRecord(id, line, template(m.required("create-record")),
                        m.optional("priority").map(NodeReader::template).orElse(new Template("normal")),
                        m.optional("summary").map(NodeReader::template), m.required("next").text());
            }
            case "offer-callback" -> offerCallback(id, line, node.mapping("offer-callback", "in-queue", "confirm-prompt", "number-prompt",
                    "window-prompt", "windows", "timeout", "done-prompt", "next", "on-declined"));
            case "queue" -> {
                YamlMap m = node.mapping("queue", "priority", "variables");
                yield new QueueCall(id, line, template(m.required("queue")),
                        m.optional("priority").map(NodeReader::template).orElse(new Template("0")),
                        m.optional("variables").map(NodeReader::templates).orElse(Map.of()));
            }
            case "transfer" -> new Transfer(id, line, template(node.mapping("transfer").required("transfer")));
            case "survey-question" -> survey(id, line, node.mapping("survey-question", "survey", "text", "scale", "prompt",
                    "invalid-prompt", "timeout", "attempts", "into", "next", "on-no-answer"));
            case "set" -> {
                YamlMap m = node.mapping("set", "next");
                yield new SetVariables(id, line, templates(m.required("set")), m.required("next").text());
            }
            case "continue-in" -> new org.hotline.ivr.flow.ContinueIn(id, line, node.mapping("continue-in").required("continue-in").text());
            case "goto" -> new Goto(id, line, node.mapping("goto").required("goto").text());
            case "estimate-wait" -> {
                YamlMap m = node.mapping("estimate-wait", "into", "next");
                yield new EstimateWait(id, line, template(m.required("estimate-wait")),
                        m.optional("into").map(YamlNode::text).orElse("wait"), m.required("next").text());
            }
            default -> {
                YamlMap m = node.mapping("hang-up");
                YamlNode prompts = m.required("hang-up");
                yield new HangUp(id, line, isEmpty(prompts) ? List.of() : names(prompts));
            }
        };
    }

    private static Menu menu(String id, int line, YamlMap m) {
        Map<String, String> options = new LinkedHashMap<>();
        m.required("options").entries().forEach((key, target) -> {
            if (!key.matches("[0-9*#]")) {
                throw target.error("an option is one key: 0-9, * or #");
            }
            options.put(key, target.text());
        });
        String onInvalid = m.required("on-invalid").text();
        return new Menu(id, line, m.required("menu").text(), options, timeout(m), attempts(m, 3), m.optional("invalid-prompt").map(YamlNode::text),
                m.optional("on-timeout").map(YamlNode::text).orElse(onInvalid), onInvalid);
    }

    private static Collect collect(String id, int line, YamlMap m) {
        YamlNode digits = m.required("digits");
        int[] range = digits.as(text -> {
            String[] parts = text.split("-", 2);
            int min = Integer.parseInt(parts[0].trim());
            int max = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : min;
            if (min < 1 || max < min || max > 64) {
                throw new IllegalArgumentException("between 1 and 64, the smaller first");
            }
            return new int[]{min, max};
        }, "a number of digits like 6 or 6-20");
        m.optional("terminator").ifPresent(t -> {
            if (!t.text().equals("#")) {
                throw t.error("'" + t.text() + "' cannot end input: Asterisk's GET DATA ends it with # (or silence) only");
            }
        });
        Optional<Pattern> pattern = m.optional("pattern").map(p -> {
            try {
                return Pattern.compile(p.text());
            } catch (PatternSyntaxException e) {
                throw p.error("'" + p.text() + "' is not a regular expression: " + e.getDescription());
            }
        });
        return new Collect(id, line, m.required("collect").text(), variable(m.required("into")), range[0], range[1], timeout(m),
                attempts(m, 3), pattern, m.optional("invalid-prompt").map(YamlNode::text), m.required("next").text(),
                m.required("on-fail").text());
    }

    private static Branch branch(String id, int line, YamlMap m) {
        List<Branch.Case> cases = new ArrayList<>();
        for (YamlNode item : m.required("branch").list()) {
            YamlMap c = item.mapping("if", "goto");
            YamlNode condition = c.required("if");
            Condition parsed = condition.as(Condition::parse, "a condition like 'customer.key and record.open'");
            cases.add(new Branch.Case(parsed, c.required("goto").text(), condition.line()));
        }
        if (cases.isEmpty()) {
            throw m.required("branch").error("needs at least one case");
        }
        return new Branch(id, line, cases, m.required("else").text());
    }

    private static OfferCallback offerCallback(String id, int line, YamlMap m) {
        String reason = m.required("offer-callback").as(text -> {
            org.hotline.desk.callbacks.CallbackReason.valueOf(text.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
            return text.replace('-', '_');
        }, "a callback reason (ivr-request, out-of-hours, virtual-hold, ...)");
        Map<String, CallbackWindow> windows = new LinkedHashMap<>();
        m.optional("windows").ifPresentOrElse(w -> w.entries().forEach((key, value) -> {
            if (!key.matches("[1-9]")) {
                throw value.error("a window's key is one digit 1-9");
            }
            windows.put(key, window(value));
        }), () -> windows.put("1", CallbackWindow.asap()));
        if (windows.size() > 1 && m.optional("window-prompt").isEmpty()) {
            throw m.required("windows").error("several windows need a window-prompt that tells the caller the keys");
        }
        return new OfferCallback(id, line, reason, template(m.required("in-queue")), m.required("confirm-prompt").text(),
                m.required("number-prompt").text(), m.optional("window-prompt").map(YamlNode::text), windows, timeout(m),
                m.optional("done-prompt").map(YamlNode::text), m.required("next").text(), m.required("on-declined").text());
    }

    private static CallbackWindow window(YamlNode value) {
        return value.as(text -> switch (text) {
            case "asap" -> CallbackWindow.asap();
            case "next-opening" -> CallbackWindow.nextOpening();
            default -> {
                String[] parts = text.split("-", 2);
                LocalTime from = LocalTime.parse(parts[0].trim());
                LocalTime to = LocalTime.parse(parts[1].trim());
                if (!to.isAfter(from)) {
                    throw new IllegalArgumentException("the window ends before it starts");
                }
                yield CallbackWindow.between(from, to);
            }
        }, "asap, next-opening or a time window like 14:00-18:00");
    }

    private static SurveyQuestion survey(String id, int line, YamlMap m) {
        String question = m.required("survey-question").text();
        return new SurveyQuestion(id, line, m.required("survey").text(), question, m.required("text").text(),
                m.required("scale").choice(SurveyQuestion.Scale.class), m.required("prompt").text(),
                m.optional("invalid-prompt").map(YamlNode::text), timeout(m), attempts(m, 2),
                m.optional("into").map(NodeReader::variable).orElse(question), m.required("next").text(),
                m.optional("on-no-answer").map(YamlNode::text).orElse(m.required("next").text()));
    }

    private static Duration timeout(YamlMap m) {
        return m.optional("timeout").map(t -> {
            Duration d = t.duration();
            if (d.isZero() || d.toSeconds() > 60) {
                throw t.error("a timeout is between 1s and 60s");
            }
            return d;
        }).orElse(DEFAULT_TIMEOUT);
    }

    private static int attempts(YamlMap m, int fallback) {
        return m.optional("attempts").map(a -> {
            int n = a.integer();
            if (n < 1 || n > 9) {
                throw a.error("attempts are between 1 and 9");
            }
            return n;
        }).orElse(fallback);
    }

    private static List<String> names(YamlNode node) {
        try {
            return List.of(node.text());
        } catch (YamlFileException e) {
            return node.list().stream().map(YamlNode::text).toList();
        }
    }

    private static String variable(YamlNode node) {
        String name = node.text();
        if (!name.matches("[A-Za-z][\\w.-]*")) {
            throw node.error("'" + name + "' is not a variable name");
        }
        return name;
    }

    private static Template template(YamlNode node) {
        return node.as(Template::new, "a text");
    }

    private static Map<String, Template> templates(YamlNode node) {
        Map<String, Template> values = new LinkedHashMap<>();
        node.entries().forEach((name, value) -> {
            if (!name.matches("[A-Za-z][\\w.-]*")) {
                throw value.error("'" + name + "' is not a variable name");
            }
            values.put(name, template(value));
        });
        return values;
    }

    private static boolean isEmpty(YamlNode node) {
        try {
            return node.text().isEmpty() || node.text().equals("null");
        } catch (YamlFileException e) {
            return false;
        }
    }

    private static void empty(YamlNode node) {
        if (!isEmpty(node)) {
            throw node.error("takes no value (leave it empty)");
        }
    }

    /** {@code barge-in: true}: a key stops the prompt (default false: the caller hears it out). */
    private static boolean bargeIn(YamlMap m) {
        return m.optional("barge-in").map(YamlNode::bool).orElse(false);
    }
}
