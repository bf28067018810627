package cn.panzhihua.scoring.rulebook;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Finds the parenthesis a DRL file is missing or has too many of, where it is: the parser only
 * notices on a later line ("mismatched input '$f'"), or not at all ("Parser returned a null
 * Package"). Strings and comments are skipped; a rule's {@code then} and {@code end} close every
 * parenthesis that should have been closed before them.
 */
final class Parentheses {

    record Unbalanced(int line, int column, String message) {
    }

    private Parentheses() {
    }

    static Optional<Unbalanced> unbalanced(String text) {
        Deque<int[]> open = new ArrayDeque<>();
        int line = 1;
        int column = 0;
        boolean lineStart = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            column++;
            if (c == '\n') {
                line++;
                column = 0;
                lineStart = true;
                continue;
            }
            if (lineStart && !Character.isWhitespace(c)) {
                lineStart = false;
                String word = word(text, i);
                if ((word.equals("then") || word.equals("end") || word.equals("rule")) && !open.isEmpty()) {
                    int[] at = open.peek();
                    return Optional.of(new Unbalanced(at[0], at[1], "'(' opened here is not closed before '" + word + "' on line " + line
                            + " (a missing ')')"));
                }
            }
            if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
                i = end(text, i, "\n") - 1;
                column--;
                continue;
            }
            if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
                int close = text.indexOf("*/", i + 2);
                int stop = close < 0 ? text.length() : close + 2;
                for (int j = i; j < stop; j++) {
                    if (text.charAt(j) == '\n') {
                        line++;
                        column = 0;
                    } else {
                        column++;
                    }
                }
                i = stop - 1;
                lineStart = false;
                continue;
            }
            if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < text.length() && text.charAt(j) != c && text.charAt(j) != '\n') {
                    j += text.charAt(j) == '\\' ? 2 : 1;
                }
                column += Math.min(j, text.length() - 1) - i;
                i = Math.min(j, text.length() - 1);
                continue;
            }
            if (c == '(') {
                open.push(new int[]{line, column});
            } else if (c == ')') {
                if (open.isEmpty()) {
                    return Optional.of(new Unbalanced(line, column, "')' here closes no '(' (one too many, or a missing '(')"));
                }
                open.pop();
            }
        }
        if (!open.isEmpty()) {
            int[] at = open.peek();
            return Optional.of(new Unbalanced(at[0], at[1], "'(' opened here is never closed (a missing ')')"));
        }
        return Optional.empty();
    }

    private static String word(String text, int from) {
        int to = from;
        while (to < text.length() && Character.isLetter(text.charAt(to))) {
            to++;
        }
        return text.substring(from, to);
    }

    private static int end(String text, int from, String stop) {
        int at = text.indexOf(stop, from);
        return at < 0 ? text.length() : at;
    }
}
