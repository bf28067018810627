package cn.panzhihua.scoring.console;

import cn.panzhihua.scoring.evaluation.TrailEntry;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How the console writes numbers, points and times for a reader of the 考评表. */
final class Numbers {

    /** The office's clock: records are stored in UTC and shown in Beijing time. */
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(BEIJING);

    private Numbers() {
    }

    /** 97.50 → 97.5, 1E+1 → 10; null → empty. */
    static String plain(BigDecimal value) {
        return value == null ? "" : value.stripTrailingZeros().toPlainString();
    }

    /** A contribution with its sign: +2.73, −0.05, 0. */
    static String signed(BigDecimal value) {
        if (value == null) {
            return "";
        }
        String text = plain(value.abs());
        return value.signum() > 0 ? "+" + text : value.signum() < 0 ? "−" + text : "0";
    }

    static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    /** What a trail entry's points mean, in the document's words: 扣 2.5 分, 计 4 分, 折算 −0.05 分. */
    static String effect(TrailEntry entry) {
        BigDecimal p = entry.points();
        String kind = entry.kind() == null ? "" : entry.kind();
        return switch (kind) {
            case "DEDUCTION" -> p == null ? "" : p.signum() < 0 ? "扣 " + plain(p.negate()) + " 分" : "计 " + plain(p) + " 分";
            case "CAP" -> p == null ? "" : "封顶，退回 " + plain(p) + " 分";
            case "TIER" -> p == null ? "" : p.signum() < 0 ? "扣 " + plain(p.negate()) + " 分" : "得 " + plain(p) + " 分";
            case "TALLY" -> p == null ? "" : "计采用分 " + plain(p) + " 分";
            case "NOT_COUNTED" -> "不计分";
            case "VETO" -> "一票否决";
            case "CONVERSION" -> "折算 " + signed(p) + " 分";
            case "SELF_SCORE" -> "自评分与考核分不同";
            default -> p == null ? "" : plain(p);
        };
    }
}
