package cn.panzhihua.scoring.report;

import cn.panzhihua.scoring.facts.Assessment;
import cn.panzhihua.scoring.facts.Category;

import java.util.OptionalInt;

/**
 * Which 考评表 of 攀办函〔2016〕104号 a unit is scored on. Disclosure and efficiency each have one
 * table; information has three, 附件1/2/3, picked by category (SPEC section 2).
 */
final class AssessmentTables {

    private AssessmentTables() {
    }

    static String title(Assessment assessment, Category category) {
        return switch (assessment) {
            case DISCLOSURE -> "政务（信息）公开工作考评表";
            case EFFICIENCY -> "效能建设工作考评表";
            case INFORMATION -> switch (category) {
                case COUNTY -> "攀枝花市县（区）政务信息工作考评表";
                case HIGH_TECH_ZONE -> "钒钛高新区管委会政务信息工作考评表";
                case MUNICIPAL_DEPARTMENT, MASS_ORGANIZATION, LIAISON_OFFICE -> "攀枝花市市级政务信息工作考评表";
            };
        };
    }

    /** The number of the 附件 the unit's table is, where the assessment has numbered tables. */
    static OptionalInt attachment(Assessment assessment, Category category) {
        if (assessment != Assessment.INFORMATION) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(switch (category) {
            case COUNTY -> 2;
            case HIGH_TECH_ZONE -> 3;
            case MUNICIPAL_DEPARTMENT, MASS_ORGANIZATION, LIAISON_OFFICE -> 1;
        });
    }

    /** The second column's heading as the document's table has it. */
    static String itemHeading(Assessment assessment) {
        return assessment == Assessment.DISCLOSURE ? "考核内容" : "考核指标";
    }
}
