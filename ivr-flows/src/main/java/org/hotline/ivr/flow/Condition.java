package org.hotline.ivr.flow;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

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
        private static final java.util.regex.Pattern PLAIN_NUMBER = java.util.regex.Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

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

        /** A plain decimal number ({@code -12}, {@code 3.5}); null for anything else, found without an exception (most values are words). */
        static BigDecimal number(String text) {
            if (!PLAIN_NUMBER.matcher(text).matches()) {
                return null;
            }
            return new BigDecimal(text);
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
        return new ConditionParser(text).parse();
    }
}
