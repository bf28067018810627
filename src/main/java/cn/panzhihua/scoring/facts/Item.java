package cn.panzhihua.scoring.facts;

import java.math.BigDecimal;

/** One scored item of an applicable assessment's table (items.tsv), e.g. D-1 组织保障, max 10. */
public record Item(Assessment assessment, String code, String name, BigDecimal max) {
}
