package cn.panzhihua.scoring.console;

import cn.panzhihua.scoring.campaign.Stage;
import cn.panzhihua.scoring.problem.ProblemException;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * The assessment year's pages in a clerk's words: the stage, the media types of evidence, the steps
 * just done, and a refusal of the year's service (its problem's title, in English for API callers)
 * said in Chinese, with the service's own detail kept beneath for whoever supports the clerk.
 */
final class YearWords {

    private YearWords() {
    }

    static final ZoneId CITY = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(CITY);

    static String stage(Stage stage) {
        if (stage == null) {
            return "未开启";
        }
        return switch (stage) {
            case OPEN -> "单位自评阶段";
            case SCORED -> "已评分，待发布";
            case PUBLISHED -> "公示中";
            case CONFIRMED -> "已确认";
            case HANDED_OVER -> "已报市目标督查办";
        };
    }

    static String objection(String status) {
        return switch (status == null ? "" : status) {
            case "OPEN" -> "待决定";
            case "UPHELD" -> "异议成立";
            case "REJECTED" -> "异议不成立";
            default -> status;
        };
    }

    static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " 字节";
        }
        if (bytes < 1024 * 1024) {
            return (bytes + 1023) / 1024 + " KB";
        }
        return String.format("%.1f MB", bytes / (1024.0 * 1024));
    }

    static String type(String mediaType) {
        return switch (mediaType == null ? "" : mediaType) {
            case "application/pdf" -> "PDF";
            case "application/ofd" -> "OFD";
            case "image/jpeg" -> "JPEG 图片";
            case "image/png" -> "PNG 图片";
            case "application/vnd.openxmlformats-officedocument.wordprocessingml.document" -> "Word 文档";
            case "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" -> "Excel 表格";
            default -> mediaType;
        };
    }

    /** What a step just done is called, for the confirmation shown after it (the page's ?done=). */
    static final Map<String, String> DONE = Map.of(
            "open", "已开启本年度考核。",
            "evaluate", "已实施考核评分：各单位的考评结果已作为一个批次记录。",
            "publish", "已发布考核通报，进入公示期。",
            "decision", "已对异议作出决定。",
            "confirm", "已确认本年度考核结果。",
            "handover", "已报市目标督查办。",
            "saved", "自评已保存（新的一版，原有各版均保留）。",
            "uploaded", "证明材料已上传。",
            "objected", "异议已提交，请等待市政府办决定。");

    static String done(String code) {
        return code == null ? null : DONE.get(code);
    }

    /** A refusal of the year's service, in Chinese: what happened and what to do. */
    static String refusal(ProblemException e) {
        String title = e.toProblem(null).title();
        String field = e.toProblem(null).field();
        String said = switch (title == null ? "" : title) {
            case "Year already open" -> "本年度考核已经开启，不能再次开启。";
            case "Year not open" -> "本年度考核尚未开启。";
            case "Self-assessment still open" -> "单位自评尚未截止，截止日之后才能实施考核评分。";
            case "Facts missing" -> "尚有单位未录入考核事实，全部录入后才能实施考核评分。";
            case "Facts changed" -> "评分期间有单位的考核事实被修改，请重新实施考核评分。";
            case "Cannot publish" -> "现在不能发布通报：须先实施考核评分，且在公示期结束之前发布。";
            case "Already published" -> "通报已经发布，考核结果不能再修改。";
            case "Publication period running" -> "公示期尚未结束，不能确认考核结果。";
            case "Publication period over" -> "公示期已结束。";
            case "Cannot confirm" -> "现在不能确认：须在通报发布、公示期结束且所有异议均已决定之后确认。";
            case "Not confirmed" -> "考核结果尚未确认，不能报市目标督查办。";
            case "Not handed over" -> "本年度考核结果尚未确认并报市目标督查办，暂无可查看的移交结果。";
            case "Not published" -> "本年度考核通报尚未发布。";
            case "Not evaluated" -> "该单位尚无考评结果。";
            case "Not under publication" -> "本年度不在公示阶段，不能处理异议。";
            case "Outside the publication period" -> "只能在公示期内提出异议。";
            case "Objection decided" -> "该异议已经作出决定（可能是其他同事刚刚决定的），请刷新页面查看。";
            case "Result changed" -> "考核结果刚刚发生变化，请刷新页面后再操作。";
            case "Self-assessment locked" -> "自评已截止并锁定，不能再修改或上传。如确需补交，请联系市政府办重新开放。";
            case "No such unit" -> "没有此单位。";
            case "No such item" -> "本单位考评表中没有此项目。";
            case "No such objection" -> "没有此异议。";
            case "No such file" -> "没有此文件。";
            case "Unsupported evidence file" -> "文件类型不被接受：证明材料只能是 PDF、OFD、JPEG、PNG、Word（DOCX）或 Excel（XLSX）文件，"
                    + "按文件内容而不是文件名识别；带脚本的 PDF 也不接受。";
            case "Request too large" -> "文件过大，超过了单个文件或本单位证明材料总量的上限。";
            case "Invalid request" -> field(field);
            default -> "操作未能完成。";
        };
        return said;
    }

    private static String field(String field) {
        return switch (field == null ? "" : field) {
            case "selfScore" -> "自评分有误：应为 0 到该项分值之间的数字。";
            case "explanation" -> "请填写自评说明。";
            case "file" -> "请选择要上传的文件（文件不能为空）。";
            case "subject" -> "异议的项目或条款有误：应为本单位考评表中的项目编号，例如 E-1。";
            case "reasons" -> "请填写异议理由。";
            case "reason" -> "请填写决定理由（不予支持时必须写明理由）。";
            case "outcome" -> "请选择决定：异议成立或异议不成立。";
            case "facts" -> "更正后的考核事实有误，请检查后重新提交。";
            case "selfAssessmentDue" -> "自评截止日期有误。";
            case "publicationFrom" -> "公示开始日期有误：应在自评截止日期之后。";
            case "publicationTo" -> "公示结束日期有误：不能早于公示开始日期。";
            case "until" -> "重新开放的截止日期有误。";
            case "year" -> "年度有误。";
            default -> "填写的内容有误（" + field + "）。";
        };
    }
}
