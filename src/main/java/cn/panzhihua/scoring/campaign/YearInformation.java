package cn.panzhihua.scoring.campaign;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Optional;

/**
 * Where a unit's information facts (monthly submissions and adoptions) come from when they are kept
 * through the year rather than typed into the office's facts: the adoption ledger (issue 21). The
 * campaign builds each evaluation request with them; the ledger implements this, so the campaign does
 * not depend on it.
 */
public interface YearInformation {

    /**
     * The {@code information} object of an evaluation request for the unit's year, or empty when
     * nothing is kept for the year (then the office's facts carry it, as before).
     */
    Optional<ObjectNode> information(int year, String unit);
}
