package cn.panzhihua.scoring.facts;

import java.time.LocalDate;

/** The date a quarterly progress evaluation is made on: adoptions after it are not counted yet. */
public record AsOf(LocalDate date) {
}
