package cn.panzhihua.scoring.rulebook;

import cn.panzhihua.scoring.facts.Assessment;
import cn.panzhihua.scoring.facts.Channel;
import cn.panzhihua.scoring.facts.Item;
import cn.panzhihua.scoring.facts.LeaderInstruction;
import cn.panzhihua.scoring.facts.Level;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads channels.tsv (part D): each adoption channel's level, points, per-issue counting, State Council extra and bonus. */
final class ChannelsFile {

    static final String NAME = "channels.tsv";

    private ChannelsFile() {
    }

    static Map<String, Channel> read(String text, String displayName, Map<String, Item> items) {
        Map<String, Channel> channels = new LinkedHashMap<>();
        for (TsvFile.Row row : TsvFile.read(text, displayName, List.of("code", "item", "level", "points", "per_issue",
                "state_council_extra", "bonus", "bonus_instruction", "name", "source", "text"))) {
            String code = row.get("code");
            if (!code.matches("[A-Z][A-Z0-9_]*")) {
                throw row.invalid("a channel code is written in capitals, digits and _ (such as CITY_BULLETIN), not '" + code + "'");
            }
            Item item = items.get(row.get("item"));
            if (item == null) {
                throw row.invalid("channel " + code + " names item '" + row.get("item") + "', which items.tsv does not list");
            }
            Level level = TsvFile.enumValue(row, "level", Level.class);
            BigDecimal points = TsvFile.number(row, "points");
            if (points.signum() <= 0) {
                throw row.invalid("points must be positive: " + points.toPlainString());
            }
            BigDecimal extra = TsvFile.optionalNumber(row, "state_council_extra");
            BigDecimal bonus = TsvFile.optionalNumber(row, "bonus");
            LeaderInstruction instruction = TsvFile.dash(row.get("bonus_instruction")) ? null
                    : TsvFile.enumValue(row, "bonus_instruction", LeaderInstruction.class);
            if ((bonus == null) != (instruction == null) || instruction == LeaderInstruction.NONE) {
                throw row.invalid("bonus and bonus_instruction go together: the points and the least leader instruction that earns them ("
                        + Arrays.toString(new LeaderInstruction[]{LeaderInstruction.MUNICIPAL, LeaderInstruction.PROVINCIAL_OR_ABOVE}) + ")");
            }
            for (String column : List.of("name", "source", "text")) {
                if (row.get(column).isEmpty()) {
                    throw row.invalid("channel " + code + " has no " + column + ": the catalogue and the trail quote it");
                }
            }
            Assessment assessment = item.assessment();
            Channel channel = new Channel(code, assessment, item.code(), level, points, TsvFile.yesNo(row, "per_issue"), extra, bonus,
                    instruction, row.get("name"), row.get("source"), row.get("text"), blankToNull(row.cells().get("note")));
            if (channels.putIfAbsent(code, channel) != null) {
                throw row.invalid("duplicate channel '" + code + "'");
            }
        }
        return channels;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
