package cn.panzhihua.scoring.evaluation;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How exact results are reported: rounded HALF_UP to at most 4 decimal places, no trailing zeros. */
final class Decimals {

    private Decimals() {
    }

    static BigDecimal out(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal rounded = value.setScale(4, RoundingMode.HALF_UP).stripTrailingZeros();
        return rounded.scale() < 0 ? rounded.setScale(0) : rounded;
    }
}
