package cn.panzhihua.scoring.adoption;

import cn.panzhihua.scoring.facts.Channel;
import cn.panzhihua.scoring.facts.LeaderInstruction;
import cn.panzhihua.scoring.rulebook.Rulebook;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the information section's own spreadsheet (CSV) into ledger entries: its Chinese headings, full-width
 * digits, dates written 2016-03-02, 2016/3/2, 2016年3月2日 or as an Excel serial, issues written 第12期, the
 * channel as its code or as the publication's name in the year's channels.tsv (《攀政快讯》 or 攀政快讯). What
 * cannot be read is left as written, so the ledger's own checks name it by row and column.
 */
final class SheetRows {

    /** The columns the ledger reads, each with the headings the section's sheets use for it. */
    static final Map<String, List<String>> HEADINGS = headings();

    private static final Pattern CHINESE_DATE = Pattern.compile("(\\d{4})\\s*[年/.\\-]\\s*(\\d{1,2})\\s*[月/.\\-]\\s*(\\d{1,2})\\s*日?");
    private static final Pattern ISSUE = Pattern.compile("第?\\s*(\\S+?)\\s*期?");

    private SheetRows() {
    }

    private static Map<String, List<String>> headings() {
        Map<String, List<String>> h = new LinkedHashMap<>();
        h.put("unit", List.of("单位", "单位名称", "报送单位"));
        h.put("channel", List.of("刊物/渠道", "刊物", "渠道", "采用刊物"));
        h.put("issue", List.of("期号", "期数"));
        h.put("date", List.of("日期", "采用日期"));
        h.put("title", List.of("标题", "信息标题"));
        h.put("leaderInstruction", List.of("领导批示", "批示"));
        h.put("stateCouncilAdopted", List.of("国办采用", "被国办采用"));
        return h;
    }

    /** One data row: its number in the file (1 = the heading line) and its cells by column key. */
    record Row(int line, Map<String, String> cells) {

        boolean blank() {
            return cells.values().stream().allMatch(c -> c == null || c.isBlank());
        }
    }

    /** Which column of the heading line holds which key; the headings it does not know are named. */
    record Layout(Map<String, Integer> columns, List<String> unknown) {
    }

    static Layout layout(List<String> heading) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < heading.size(); i++) {
            String h = normal(heading.get(i)).replace(" ", "");
            String key = HEADINGS.entrySet().stream().filter(e -> e.getValue().contains(h)).map(Map.Entry::getKey).findFirst().orElse(null);
            if (key == null) {
                if (!h.isEmpty()) {
                    unknown.add(heading.get(i));
                }
            } else {
                columns.putIfAbsent(key, i);
            }
        }
        return new Layout(columns, unknown);
    }

    /** Full-width letters and digits as ASCII (ＮＦＫＣ), trimmed, including the ideographic space. */
    static String normal(String text) {
        return text == null ? "" : Normalizer.normalize(text, Normalizer.Form.NFKC).strip();
    }

    static String date(String cell) {
        String c = normal(cell);
        if (c.matches("\\d{5}(\\.0+)?")) { // an Excel serial day: 1 = 1900-01-01, with Excel's phantom 1900-02-29
            return LocalDate.of(1899, 12, 30).plusDays(Long.parseLong(c.replaceAll("\\.0+$", ""))).toString();
        }
        Matcher m = CHINESE_DATE.matcher(c);
        if (m.matches()) {
            try {
                return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))).toString();
            } catch (java.time.DateTimeException e) {
                return c; // left as written: the check names it
            }
        }
        return c;
    }

    static String issue(String cell) {
        String c = normal(cell);
        if (c.isEmpty()) {
            return null;
        }
        Matcher m = ISSUE.matcher(c);
        return m.matches() ? m.group(1) : c;
    }

    /** The channel's code: the code itself, or the publication's name as channels.tsv gives it (the one channel it names). */
    static String channel(String cell, Rulebook rulebook) {
        String c = normal(cell).replace("《", "").replace("》", "").replace(" ", "");
        if (c.isEmpty()) {
            return null;
        }
        List<Channel> exact = new ArrayList<>();
        List<Channel> containing = new ArrayList<>();
        for (Channel channel : rulebook.channels()) {
            if (channel.code().equalsIgnoreCase(c)) {
                return channel.code();
            }
            String publication = publication(channel.name());
            if (publication.equals(c)) {
                exact.add(channel);
            } else if (publication.contains(c)) {
                containing.add(channel);
            }
        }
        List<Channel> found = exact.isEmpty() ? containing : exact;
        return found.size() == 1 ? found.get(0).code() : normal(cell);
    }

    /** The publication a channel's name is about: the title in 《》, or the words before its bracketed note. */
    private static String publication(String name) {
        int open = name.indexOf('《');
        int close = name.indexOf('》');
        if (open >= 0 && close > open) {
            return name.substring(open + 1, close);
        }
        int note = name.indexOf('（');
        return (note > 0 ? name.substring(0, note) : name).replace(" ", "");
    }

    static LeaderInstruction instruction(String cell) {
        String c = normal(cell).toUpperCase(Locale.ROOT);
        if (c.isEmpty() || c.equals("无") || c.equals("否") || c.equals("NONE")) {
            return null;
        }
        for (LeaderInstruction i : LeaderInstruction.values()) {
            if (i.name().equals(c)) {
                return i;
            }
        }
        if (c.contains("省") || c.contains("国") || c.contains("中央")) {
            return LeaderInstruction.PROVINCIAL_OR_ABOVE;
        }
        if (c.contains("市")) {
            return LeaderInstruction.MUNICIPAL;
        }
        throw new IllegalArgumentException(cell);
    }

    static Boolean yes(String cell) {
        String c = normal(cell);
        if (c.isEmpty() || c.equals("否") || c.equals("无")) {
            return null;
        }
        if (c.equals("是") || c.equals("√") || c.equalsIgnoreCase("true") || c.equalsIgnoreCase("yes")) {
            return true;
        }
        throw new IllegalArgumentException(cell);
    }

    /** RFC 4180 CSV (quoted fields may hold commas, quotes and line breaks); a byte order mark is skipped. */
    static List<List<String>> csv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        for (; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"' && cell.isEmpty()) {
                quoted = true;
            } else if (ch == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                cell.append(ch);
            }
        }
        if (!cell.isEmpty() || !row.isEmpty()) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }
}
