package cn.panzhihua.scoring.facts;

import java.util.List;

/**
 * Pieces of information a unit submitted in one month (1 = January), from monthlySubmissions.
 *
 * @param month 1 = January
 * @param count pieces of information submitted that month
 */
public record MonthSubmission(int month, int count) implements Evidenced {

    @Override
    public int seq() {
        return month;
    }

    @Override
    public List<String> evidence() {
        return List.of(month + "月报送" + count + "条");
    }
}
