package org.hotline.ivr.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a branch condition (see {@link Condition}): a recursive descent over its words, operators and values. */
final class ConditionParser {
    private static final Pattern TOKEN = Pattern.compile(
            "\\s*(?:(==|!=|>=|<=|>|<|\\(|\\))|'([^']*)'|\"([^\"]*)\"|(-?\\d+(?:\\.\\d+)?)|([A-Za-z][\\w.-]*)|\\$\\{([A-Za-z][\\w.-]*)})");
    private final List<String[]> tokens = new ArrayList<>();
    private int at;

    ConditionParser(String text) {
        Matcher m = TOKEN.matcher(text);
        int end = 0;
        while (end < text.length() && m.find(end) && m.start() == end) {
            if (m.group(1) != null) {
                tokens.add(new String[]{"op", m.group(1)});
            } else if (m.group(2) != null || m.group(3) != null) {
                tokens.add(new String[]{"text", m.group(2) != null ? m.group(2) : m.group(3)});
            } else if (m.group(4) != null) {
                tokens.add(new String[]{"text", m.group(4)});
            } else if (m.group(6) != null) {
                tokens.add(new String[]{"var", m.group(6)});
            } else {
                tokens.add(new String[]{"word", m.group(5)});
            }
            end = m.end();
        }
        if (!text.substring(end).isBlank()) {
            throw new IllegalArgumentException("cannot read '" + text.substring(end).trim() + "'");
        }
    }

    Condition parse() {
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("the condition is empty");
        }
        Condition condition = or();
        if (at < tokens.size()) {
            throw new IllegalArgumentException("unexpected '" + tokens.get(at)[1] + "'");
        }
        return condition;
    }

    private Condition or() {
        Condition left = and();
        while (word("or")) {
            left = new Condition.Any(left, and());
        }
        return left;
    }

    private Condition and() {
        Condition left = unary();
        while (word("and")) {
            left = new Condition.All(left, unary());
        }
        return left;
    }

    private Condition unary() {
        if (word("not")) {
            return new Condition.Not(unary());
        }
        if (at < tokens.size() && tokens.get(at)[1].equals("(") && tokens.get(at)[0].equals("op")) {
            at++;
            Condition inner = or();
            if (at >= tokens.size() || !tokens.get(at)[1].equals(")")) {
                throw new IllegalArgumentException("a '(' is not closed");
            }
            at++;
            return inner;
        }
        if (at >= tokens.size() || !tokens.get(at)[0].equals("word")) {
            throw new IllegalArgumentException(at >= tokens.size() ? "the condition ends too soon"
                    : "expected a variable name, found '" + tokens.get(at)[1] + "'");
        }
        String variable = tokens.get(at++)[1];
        if (at < tokens.size() && tokens.get(at)[0].equals("op") && !tokens.get(at)[1].equals("(") && !tokens.get(at)[1].equals(")")) {
            String operator = tokens.get(at++)[1];
            if (at >= tokens.size() || tokens.get(at)[0].equals("op")) {
                throw new IllegalArgumentException("'" + operator + "' needs a value after it");
            }
            String[] operand = tokens.get(at++);
            return new Condition.Compare(variable, operator, operand[1], operand[0].equals("var"));
        }
        return new Condition.Truthy(variable);
    }

    private boolean word(String keyword) {
        if (at < tokens.size() && tokens.get(at)[0].equals("word") && tokens.get(at)[1].equals(keyword)) {
            at++;
            return true;
        }
        return false;
    }
}
