package cn.panzhihua.scoring.report;

/**
 * A small writer of well-formed XHTML (openhtmltopdf reads XML): every text and attribute value is
 * escaped here, so report data can never become markup.
 */
final class Xhtml {

    private final StringBuilder body = new StringBuilder();
    private final String title;

    Xhtml(String title) {
        this.title = title;
    }

    Xhtml open(String tag, String... attributes) {
        body.append('<').append(tag);
        attributes(attributes);
        body.append('>');
        return this;
    }

    Xhtml close(String tag) {
        body.append("</").append(tag).append('>');
        return this;
    }

    Xhtml empty(String tag, String... attributes) {
        body.append('<').append(tag);
        attributes(attributes);
        body.append("/>");
        return this;
    }

    Xhtml element(String tag, String text, String... attributes) {
        open(tag, attributes);
        body.append(escape(text == null ? "" : text));
        return close(tag);
    }

    private void attributes(String... attributes) {
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            if (attributes[i + 1] != null && !attributes[i + 1].isEmpty()) {
                body.append(' ').append(attributes[i]).append("=\"").append(escape(attributes[i + 1])).append('"');
            }
        }
    }

    String document(String css) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"zh-CN\" xml:lang=\"zh-CN\">"
                + "<head><meta charset=\"UTF-8\"/><title>" + escape(title) + "</title><style>" + css + "</style></head><body>"
                + body + "</body></html>";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> {
                    // XML 1.0 forbids most control characters; a stray one in a note must not break the PDF
                    if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
