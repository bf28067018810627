package cn.panzhihua.scoring.facts;

import java.math.BigDecimal;

/**
 * One scored item of an applicable assessment's table (items.tsv), e.g. D-1 组织保障, max 10.
 *
 * @param assessment the assessment it belongs to
 * @param code e.g. D-1
 * @param name as the table names it, e.g. 组织保障
 * @param max its 分值
 */
public record Item(Assessment assessment, String code, String name, BigDecimal max) {
}
