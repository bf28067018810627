package cn.panzhihua.scoring.authoring;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;

/** Values in an author's messages as an author writes them: 30, 2.28, never 3E+1 or 2.2800. */
final class Plain {

    private Plain() {
    }

    static String of(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "(absent)";
        }
        if (node.isNumber()) {
            return of(node.decimalValue());
        }
        if (node.isArray()) {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < node.size(); i++) {
                out.append(i == 0 ? "" : ", ").append(of(node.get(i)));
            }
            return out.append(']').toString();
        }
        return node.toString();
    }

    /** A value as a JSON literal, numbers written plain. */
    static String json(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return "null";
        }
        return node.isNumber() ? of(node.decimalValue()) : node.toString();
    }

    static String of(BigDecimal value) {
        if (value == null) {
            return "null";
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }
}
