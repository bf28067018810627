package cn.panzhihua.scoring.console;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The 通报 as the year's service stored it (a circulation report, as JSON) laid out for a page: the
 * rows grouped by category, each assessment's score and contribution, and the changes upheld
 * objections made. Read from the stored JSON, never recomputed: the page shows what was published.
 */
record NoticeTable(String countLine, Long checkpoint, List<Group> groups, List<Change> changes) {

    record Cells(String score, String contribution) {
    }

    record Row(int rank, String unit, Cells disclosure, Cells efficiency, Cells information, String total, boolean changed) {
    }

    record Group(String category, List<Row> rows) {
    }

    record Change(String unit, String subject, String before, String after, String decidedAt) {
    }

    static NoticeTable of(JsonNode report, JsonNode changes) {
        List<Change> changeList = new ArrayList<>();
        List<String> changedUnits = new ArrayList<>();
        for (JsonNode c : changes == null ? List.<JsonNode>of() : iterable(changes)) {
            changedUnits.add(c.path("unit").asText());
            changeList.add(new Change(c.path("unit").asText(), c.path("subject").asText(), Numbers.signed(c.path("before").decimalValue()),
                    Numbers.signed(c.path("after").decimalValue()), instant(c.path("decidedAt").asText())));
        }
        List<Group> groups = new ArrayList<>();
        for (JsonNode r : report.path("rows")) {
            String category = r.path("categoryName").asText(r.path("category").asText());
            if (groups.isEmpty() || !groups.get(groups.size() - 1).category().equals(category)) {
                groups.add(new Group(category, new ArrayList<>()));
            }
            String unit = r.path("unit").asText();
            groups.get(groups.size() - 1).rows().add(new Row(r.path("rank").asInt(), unit, cells(r.path("disclosure")), cells(r.path("efficiency")),
                    cells(r.path("information")), Numbers.signed(r.path("totalContribution").decimalValue()), changedUnits.contains(unit)));
        }
        int units = report.path("unitCount").asInt();
        String countLine = "共 " + units + " 个单位，已考评 " + report.path("evaluatedCount").asInt() + " 个，未考评 "
                + report.path("notEvaluatedCount").asInt() + " 个";
        Long checkpoint = report.path("checkpoint").path("number").isNumber() ? report.path("checkpoint").path("number").asLong() : null;
        return new NoticeTable(countLine, checkpoint, groups, changeList);
    }

    /** An instant the service stored (ISO, UTC) as Beijing time; the text itself if it is not one. */
    static String instant(String text) {
        try {
            return YearWords.time(java.time.Instant.parse(text));
        } catch (java.time.format.DateTimeParseException e) {
            return text;
        }
    }

    private static Cells cells(JsonNode f) {
        if (!f.path("applicable").asBoolean()) {
            return new Cells("不适用", "");
        }
        return new Cells(Numbers.plain(f.path("score").decimalValue()) + (f.path("vetoed").asBoolean() ? "（一票否决）" : ""),
                Numbers.signed(f.path("contribution").decimalValue()));
    }

    private static Iterable<JsonNode> iterable(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }
}
