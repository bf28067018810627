package cn.panzhihua.scoring.problem;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Keeps the values a problem echoes small: a rejected 9 MB note or a list of 500,000 months is named
 * by its start and its size, not answered back in full.
 */
final class ProblemValues {

    static final int MAX_TEXT = 200;
    static final int MAX_ELEMENTS = 24;
    /** A detail quotes values; one quoting a 1 MB unit name is cut (the lists of valid codes fit well within). */
    static final int MAX_MESSAGE = 2000;

    private ProblemValues() {
    }

    /** A Java exception's class name (java.security.InvalidKeyException), with the ": " that follows it. */
    private static final java.util.regex.Pattern CLASS_NAME =
            java.util.regex.Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error)\\b(?::\\s*)?");

    /** No answer names the service's classes (issue 18 §4): a message that quotes an exception keeps only its words. */
    static String message(String message) {
        if (message != null && message.indexOf('.') >= 0) {
            message = CLASS_NAME.matcher(message).replaceAll("");
        }
        return message == null || message.length() <= MAX_MESSAGE + 32 ? message
                : message.substring(0, MAX_MESSAGE) + "… (" + message.length() + " characters)";
    }

    /** Idempotent: a value already cut (start, then its size) is left as it is. */
    static Object bounded(Object value) {
        if (value instanceof CharSequence text && text.length() > MAX_TEXT + 32) {
            return text.subSequence(0, MAX_TEXT) + "… (" + text.length() + " characters)";
        }
        if (value instanceof BigDecimal decimal && (Math.abs((long) decimal.scale()) > MAX_TEXT || decimal.precision() > MAX_TEXT)) {
            return bounded(decimal.toString()); // written plain, 1e-3000000 is three million digits
        }
        if (value instanceof Collection<?> values && values.size() > MAX_ELEMENTS + 1) {
            List<Object> start = new ArrayList<>(MAX_ELEMENTS + 1);
            for (Object element : values) {
                if (start.size() == MAX_ELEMENTS) {
                    break;
                }
                start.add(bounded(element));
            }
            start.add("… (" + values.size() + " values)");
            return start;
        }
        return value;
    }
}
