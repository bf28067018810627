package cn.panzhihua.scoring.rulebook;

import cn.panzhihua.scoring.facts.Assessment;

/**
 * A 考评表 of the rulebook (tables.tsv): the table an assessment is scored on, its title as the
 * document has it, its 附件 number where the assessment has several (null otherwise), its second
 * column's heading, and for an information table the monthly submission minimum (null otherwise).
 */
public record Table(Assessment assessment, Integer attachment, String title, String itemHeading, Integer monthlyMinimum) {
}
