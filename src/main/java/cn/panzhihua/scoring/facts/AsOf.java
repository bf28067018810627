package cn.panzhihua.scoring.facts;

import java.time.LocalDate;

/**
 * The date a quarterly progress evaluation is made on: adoptions after it are not counted yet.
 *
 * @param date the cut-off date: adoptions after it come as LaterAdoption
 */
public record AsOf(LocalDate date) {
}
