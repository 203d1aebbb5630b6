package org.hotline.ivr.flow;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A branch condition over the call's variables: {@code customer.key},
 * {@code record.open and not customer.crisis}, {@code warranty == in_warranty},
 * {@code wait > ${settings.virtual-hold-after}} (the right side of a comparison is a number, a
 * word or a quoted text taken as written, or {@code ${variable}}), {@code hours.office} (is that
 * calendar open now).
 * A variable alone holds when it is set and not {@code false}, {@code 0} or empty.
 */
public sealed interface Condition {

    boolean holds(Function<String, String> variables);

    /** The variables it reads. */
    List<String> variables();

    record Truthy(String variable) implements Condition {
        public boolean holds(Function<String, String> variables) {
            String value = variables.apply(variable);
            return value != null && !value.isEmpty() && !value.equals("false") && !value.equals("0");
        }

        public List<String> variables() {
            return List.of(variable);
        }
    }

    record Compare(String variable, String operator, String operand, boolean operandIsVariable) implements Condition {
        public boolean holds(Function<String, String> variables) {
            String value = variables.apply(variable);
            value = value == null ? "" : value;
            String literal = operandIsVariable ? java.util.Objects.requireNonNullElse(variables.apply(operand), "") : operand;
            BigDecimal left = number(value);
            BigDecimal right = number(literal);
            int order = left != null && right != null ? left.compareTo(right) : value.compareTo(literal);
            return switch (operator) {
                case "==" -> left != null && right != null ? order == 0 : value.equals(literal);
                case "!=" -> left != null && right != null ? order != 0 : !value.equals(literal);
                case ">" -> left != null && right != null && order > 0;
                case ">=" -> left != null && right != null && order >= 0;
                case "<" -> left != null && right != null && order < 0;
                default -> left != null && right != null && order <= 0;
            };
        }

        private static BigDecimal number(String text) {
            try {
                return new BigDecimal(text);
            } catch (NumberFormatException e) {
                return null;
            }
        }

        public List<String> variables() {
            return operandIsVariable ? List.of(variable, operand) : List.of(variable);
        }
    }

    record Not(Condition inner) implements Condition {
        public boolean holds(Function<String, String> variables) {
            return !inner.holds(variables);
        }

        public List<String> variables() {
            return inner.variables();
        }
    }

    record All(Condition left, Condition right) implements Condition {
        public boolean holds(Function<String, String> variables) {
            return left.holds(variables) && right.holds(variables);
        }

        public List<String> variables() {
            List<String> names = new ArrayList<>(left.variables());
            names.addAll(right.variables());
            return names;
        }
    }

    record Any(Condition left, Condition right) implements Condition {
        public boolean holds(Function<String, String> variables) {
            return left.holds(variables) || right.holds(variables);
        }

        public List<String> variables() {
            List<String> names = new ArrayList<>(left.variables());
            names.addAll(right.variables());
            return names;
        }
    }

    /** Reads a condition; a malformed one fails with what is wrong. */
    static Condition parse(String text) {
        return new Parser(text).parse();
    }

    final class Parser {
        private static final Pattern TOKEN = Pattern.compile(
                "\\s*(?:(==|!=|>=|<=|>|<|\\(|\\))|'([^']*)'|\"([^\"]*)\"|(-?\\d+(?:\\.\\d+)?)|([A-Za-z][\\w.-]*)|\\$\\{([A-Za-z][\\w.-]*)})");
        private final List<String[]> tokens = new ArrayList<>();
        private int at;

        Parser(String text) {
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
                left = new Any(left, and());
            }
            return left;
        }

        private Condition and() {
            Condition left = unary();
            while (word("and")) {
                left = new All(left, unary());
            }
            return left;
        }

        private Condition unary() {
            if (word("not")) {
                return new Not(unary());
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
                return new Compare(variable, operator, operand[1], operand[0].equals("var"));
            }
            return new Truthy(variable);
        }

        private boolean word(String keyword) {
            if (at < tokens.size() && tokens.get(at)[0].equals("word") && tokens.get(at)[1].equals(keyword)) {
                at++;
                return true;
            }
            return false;
        }
    }
}
