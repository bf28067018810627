package cn.panzhihua.scoring.authoring;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Finds a value in a response by a dotted path. {@code items[CODE]} selects an item's score by its
 * code (codes contain dots, hence the brackets); a numeric index selects an array element.
 */
public final class ResponsePaths {

    private ResponsePaths() {
    }

    public static JsonNode find(JsonNode root, String path) {
        JsonNode node = root;
        int i = 0;
        while (node != null && i < path.length()) {
            int dot = path.indexOf('.', i);
            int bracket = path.indexOf('[', i);
            if (bracket >= 0 && (dot < 0 || bracket < dot)) {
                String field = path.substring(i, bracket);
                int close = path.indexOf(']', bracket);
                String key = path.substring(bracket + 1, close);
                node = select(field.isEmpty() ? node : node.get(field), key);
                i = close + 1;
                if (i < path.length() && path.charAt(i) == '.') {
                    i++;
                }
            } else {
                String field = dot < 0 ? path.substring(i) : path.substring(i, dot);
                node = node.get(field);
                i = dot < 0 ? path.length() : dot + 1;
            }
        }
        return node;
    }

    private static JsonNode select(JsonNode array, String key) {
        if (array == null || !array.isArray()) {
            return null;
        }
        if (key.chars().allMatch(Character::isDigit)) {
            return array.get(Integer.parseInt(key));
        }
        for (JsonNode element : array) {
            if (key.equals(element.path("code").asText())) {
                return element.get("score");
            }
        }
        return null;
    }
}
